import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import { KeyRing, issueCredentials, verifyCredentials } from '../../src/tokens/index.js';
import { MAX_TOKEN_CHARS } from '../../src/tokens/seal.js';
import { NOW, expectApiError, grant } from './fixtures.js';

describe('garbage in the SecurityToken slot', () => {
  const ring = KeyRing.generate(NOW);
  const issued = issueCredentials(ring, grant(), NOW);
  const verify = (token: string | undefined) => () => verifyCredentials(ring, issued.accessKeyId, token, NOW);

  it('is MissingSecurityToken when no token is sent', () => {
    expectApiError(verify(undefined), 'MissingSecurityToken');
  });

  it('is Malformed for an empty token', () => {
    expectApiError(verify(''), 'InvalidSecurityToken.Malformed');
  });

  it('is Malformed for every truncation of a genuine token', () => {
    for (let n = 1; n < issued.securityToken.length; n++) {
      expectApiError(verify(issued.securityToken.slice(0, n)), 'InvalidSecurityToken.Malformed');
    }
  });

  it('is Malformed for text that is not base64', () => {
    for (const s of ['not a token', '%%%%', 'CAIS', '{"AccessKeyId":"x"}', '\u0000\u0001', '🙂🙂🙂🙂']) {
      expectApiError(verify(s), 'InvalidSecurityToken.Malformed');
    }
  });

  it('is Malformed for random base64, with or without the RST1 marker', () => {
    for (let i = 0; i < 200; i++) {
      const random = randomBytes(1 + (i % 300)).toString('base64');
      expectApiError(verify(random), 'InvalidSecurityToken.Malformed');
      expectApiError(verify(`RST1${random}`), 'InvalidSecurityToken.Malformed');
    }
  });

  it('is Malformed, without decoding, for a token beyond the size bound', () => {
    expectApiError(verify('A'.repeat(MAX_TOKEN_CHARS + 4)), 'InvalidSecurityToken.Malformed');
  });
});
