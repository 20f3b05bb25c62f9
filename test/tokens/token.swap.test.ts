import { describe, it } from 'vitest';
import { KeyRing, issueCredentials, verifyCredentials } from '../../src/tokens/index.js';
import { NOW, expectApiError, grant } from './fixtures.js';

describe('token of another session', () => {
  const ring = KeyRing.generate(NOW);
  const alice = issueCredentials(ring, grant({ sessionName: 'alice' }), NOW);
  const mallory = issueCredentials(ring, grant({ sessionName: 'mallory', roleId: '300401948379880000' }), NOW);

  it('is refused with MismatchWithAccessKey when two sessions swap tokens', () => {
    expectApiError(() => verifyCredentials(ring, alice.accessKeyId, mallory.securityToken, NOW), 'InvalidSecurityToken.MismatchWithAccessKey');
    expectApiError(() => verifyCredentials(ring, mallory.accessKeyId, alice.securityToken, NOW), 'InvalidSecurityToken.MismatchWithAccessKey');
  });

  it('is refused with MismatchWithAccessKey for a long-term AccessKeyId', () => {
    expectApiError(() => verifyCredentials(ring, 'LTAI4GFTgcR8m8cZQDTH1234', alice.securityToken, NOW), 'InvalidSecurityToken.MismatchWithAccessKey');
  });

  it('reports the mismatch even when the borrowed token has expired', () => {
    expectApiError(
      () => verifyCredentials(ring, alice.accessKeyId, mallory.securityToken, NOW + 10 * 3_600_000),
      'InvalidSecurityToken.MismatchWithAccessKey',
    );
  });
});
