import { describe, expect, it } from 'vitest';
import { decodeClaims, encodeClaims, type SessionClaims } from '../../src/tokens/claims.js';

const base: SessionClaims = {
  accessKeyId: 'STS.x',
  roleAccountId: '1',
  roleId: '2',
  roleName: 'r',
  sessionName: 's',
  callerArn: 'acs:ram::3:user/u',
  callerAccountId: '3',
  callerType: 'user',
  callerPrincipalId: '4',
  mfaPresent: false,
  issuedAt: 1_700_000_000,
  expiresAt: 1_700_003_600,
};

describe('claims encoding', () => {
  it('round-trips with and without optional claims', () => {
    const full: SessionClaims = { ...base, callerType: 'role', mfaPresent: true, sourceIdentity: 'si', sessionPolicy: '{}', originArn: 'o', originAccountId: '5' };
    for (const c of [base, full, { ...base, originAccountId: '' }]) expect(decodeClaims(encodeClaims(c), c.accessKeyId)).toEqual(c);
  });

  it('takes the AccessKeyId from the caller, not from the plaintext', () => {
    expect(decodeClaims(encodeClaims(base), 'STS.other')?.accessKeyId).toBe('STS.other');
  });

  it('rejects truncated input, trailing bytes and unknown flags', () => {
    const buf = encodeClaims(base);
    for (let n = 0; n < buf.length; n++) expect(decodeClaims(buf.subarray(0, n), 'a')).toBeUndefined();
    expect(decodeClaims(Buffer.concat([buf, Buffer.from([0])]), 'a')).toBeUndefined();
    const flagged = Buffer.from(buf);
    flagged[0] = 0x80;
    expect(decodeClaims(flagged, 'a')).toBeUndefined();
  });

  it('refuses times and strings the layout cannot hold', () => {
    expect(() => encodeClaims({ ...base, expiresAt: 2 ** 32 })).toThrow(RangeError);
    expect(() => encodeClaims({ ...base, issuedAt: -1 })).toThrow(RangeError);
    expect(() => encodeClaims({ ...base, issuedAt: 1.5 })).toThrow(RangeError);
    expect(() => encodeClaims({ ...base, sessionPolicy: 'x'.repeat(65_536) })).toThrow(RangeError);
  });
});
