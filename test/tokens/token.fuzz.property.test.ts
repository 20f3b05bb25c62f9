import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors/catalogue.js';
import { KeyRing, issueCredentials, verifyCredentials } from '../../src/tokens/index.js';
import { NOW, VERIFY_ERROR_CODES, grant } from './fixtures.js';

/** Verification either succeeds or throws one of the documented ApiErrors; never anything else. */
function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof ApiError && (VERIFY_ERROR_CODES as readonly string[]).includes(e.code)) return e.code;
    throw e;
  }
}

describe('verification under arbitrary input', () => {
  const ring = KeyRing.generate(NOW);
  const issued = issueCredentials(ring, grant(), NOW);
  const genuine = Buffer.from(issued.securityToken, 'base64');

  it('never throws anything but the documented ApiErrors for arbitrary strings and AccessKeyIds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), fc.string({ maxLength: 40 }), (token, akid) => {
        expect(outcome(() => verifyCredentials(ring, akid, token, NOW))).not.toBe('ok');
      }),
      { numRuns: 2000 },
    );
  });

  it('never accepts arbitrary bytes behind the genuine header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(genuine.length), (tail, keep) => {
        const token = Buffer.concat([genuine.subarray(0, keep), tail]).toString('base64');
        fc.pre(token !== issued.securityToken);
        expect(outcome(() => verifyCredentials(ring, issued.accessKeyId, token, NOW))).toBe('InvalidSecurityToken.Malformed');
      }),
      { numRuns: 2000 },
    );
  });

  it('never accepts a genuine token with arbitrary bytes overwritten', () => {
    fc.assert(
      fc.property(fc.nat(genuine.length - 1), fc.uint8Array({ minLength: 1, maxLength: 8 }), (at, patch) => {
        const forged = Buffer.from(genuine);
        forged.set(patch.subarray(0, forged.length - at), at);
        fc.pre(!forged.equals(genuine));
        expect(outcome(() => verifyCredentials(ring, issued.accessKeyId, forged.toString('base64'), NOW))).toBe(
          'InvalidSecurityToken.Malformed',
        );
      }),
      { numRuns: 2000 },
    );
  });
});
