import { describe, expect, it } from 'vitest';
import { KeyRing, issueCredentials, verifyCredentials } from '../../src/tokens/index.js';
import { NOW, expectApiError, grant } from './fixtures.js';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

describe('tampered token', () => {
  const ring = KeyRing.generate(NOW);
  // A session policy makes the ciphertext long enough to span many blocks.
  const issued = issueCredentials(ring, grant({ sessionPolicy: '{"Version":"1","Statement":[]}', sourceIdentity: 'alice' }), NOW);
  const bytes = Buffer.from(issued.securityToken, 'base64');
  const verify = (token: string) => () => verifyCredentials(ring, issued.accessKeyId, token, NOW);

  it('is Malformed whichever byte is flipped (header, key id, AccessKeyId, IV, ciphertext or tag)', () => {
    for (let i = 0; i < bytes.length; i++) {
      for (const mask of [0x01, 0x80]) {
        const forged = Buffer.from(bytes);
        forged[i]! ^= mask;
        expectApiError(verify(forged.toString('base64')), 'InvalidSecurityToken.Malformed');
      }
    }
  });

  it('is Malformed whichever base64 character is replaced', () => {
    const token = issued.securityToken;
    for (let i = 0; i < token.replace(/=+$/, '').length; i++) {
      const other = BASE64[(BASE64.indexOf(token[i]!) + 1) % 64]!;
      expectApiError(verify(token.slice(0, i) + other + token.slice(i + 1)), 'InvalidSecurityToken.Malformed');
    }
  });

  it('is Malformed when bytes are appended or removed', () => {
    expectApiError(verify(Buffer.concat([bytes, Buffer.from([0])]).toString('base64')), 'InvalidSecurityToken.Malformed');
    expectApiError(verify(bytes.subarray(0, -1).toString('base64')), 'InvalidSecurityToken.Malformed');
    expectApiError(verify(bytes.subarray(1).toString('base64')), 'InvalidSecurityToken.Malformed');
  });

  it('is Malformed when a non-canonical spelling of the same bytes is sent', () => {
    const token = issued.securityToken;
    const spellings = [
      ` ${token}`,
      `${token}\n`,
      token.slice(0, 8) + ' ' + token.slice(8),
      token.replace(/=+$/, ''),
      `${token}=`,
      token.replace(/\+/g, '-').replace(/\//g, '_'),
    ].filter((s) => s !== token);
    expect(Buffer.from(spellings[0]!, 'base64').equals(bytes)).toBe(true); // Node alone would accept it
    for (const s of spellings) expectApiError(verify(s), 'InvalidSecurityToken.Malformed');
  });

  it('is Malformed when sealed under a key that is not in the ring (forged with an attacker key)', () => {
    const attacker = KeyRing.fromJSON({ ...ring.toJSON(), keys: [{ ...ring.toJSON().keys[0]!, key: Buffer.alloc(32, 7).toString('base64') }] });
    const forged = issueCredentials(attacker, grant(), NOW);
    expectApiError(() => verifyCredentials(ring, forged.accessKeyId, forged.securityToken, NOW), 'InvalidSecurityToken.Malformed');
  });
});
