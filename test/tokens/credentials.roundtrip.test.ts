import { describe, expect, it } from 'vitest';
import { KeyRing, issueCredentials, tokenKeyId, verifyCredentials } from '../../src/tokens/index.js';
import { NOW, grant } from './fixtures.js';

describe('issue then verify', () => {
  const ring = KeyRing.generate(NOW);

  it('returns the issued claims and the issued secret', () => {
    const issued = issueCredentials(ring, grant(), NOW);
    const verified = verifyCredentials(ring, issued.accessKeyId, issued.securityToken, NOW);
    expect(verified.claims).toEqual(issued.claims);
    expect(verified.accessKeySecret).toBe(issued.accessKeySecret);
  });

  const chainedGrant = grant({
    callerType: 'role',
    callerArn: 'acs:ram::2222222222222222:assumed-role/dev/carol',
    callerPrincipalId: '300000000000000001:carol',
    sourceIdentity: 'carol@example.com',
    sessionPolicy: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:Get*","Resource":"*","Condition":{"StringEquals":{"x":"é漢🙂"}}}]}',
    mfaPresent: true,
    originArn: 'acs:ram::2222222222222222:user/carol',
    originAccountId: '2222222222222222',
  });

  it('carries every optional claim, including non-ASCII text, through the token', () => {
    const issued = issueCredentials(ring, chainedGrant, NOW);
    expect(verifyCredentials(ring, issued.accessKeyId, issued.securityToken, NOW).claims).toEqual(issued.claims);
  });

  it("issues the grant's claims, every optional one included, with the new AccessKeyId and the issue and expiry times", () => {
    const { durationSeconds, ...granted } = chainedGrant;
    const issued = issueCredentials(ring, chainedGrant, NOW);
    expect(issued.claims).toEqual({ ...granted, accessKeyId: issued.accessKeyId, issuedAt: NOW / 1000, expiresAt: NOW / 1000 + durationSeconds });
  });

  it('stamps issuedAt from the injected clock and expiresAt from the duration', () => {
    const { claims } = issueCredentials(ring, grant({ durationSeconds: 900 }), NOW + 999);
    expect(claims.issuedAt).toBe(NOW / 1000);
    expect(claims.expiresAt).toBe(NOW / 1000 + 900);
  });

  it('defaults mfaPresent to false', () => {
    expect(issueCredentials(ring, grant(), NOW).claims.mfaPresent).toBe(false);
  });

  it('mints Alibaba-shaped AccessKeyIds and secrets', () => {
    const { accessKeyId, accessKeySecret } = issueCredentials(ring, grant(), NOW);
    expect(accessKeyId).toMatch(/^STS\.[0-9A-Za-z]{25}$/);
    expect(accessKeySecret).toMatch(/^[0-9A-Za-z]{43}$/);
  });

  it('mints a fresh AccessKeyId for every session', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => issueCredentials(ring, grant(), NOW).accessKeyId));
    expect(ids.size).toBe(1000);
  });

  it('emits standard base64 starting with the RST1 marker and naming the current key', () => {
    const { securityToken } = issueCredentials(ring, grant(), NOW);
    expect(securityToken).toMatch(/^RST1[A-Za-z0-9+/]*={0,2}$/);
    expect(securityToken.length % 4).toBe(0);
    expect(tokenKeyId(securityToken)).toBe(ring.current.id);
  });

  it('rejects a duration the key ring cannot honour', () => {
    expect(() => issueCredentials(ring, grant({ durationSeconds: 0 }), NOW)).toThrow(RangeError);
    expect(() => issueCredentials(ring, grant({ durationSeconds: 43_201 }), NOW)).toThrow(RangeError);
    expect(() => issueCredentials(ring, grant({ durationSeconds: 1.5 }), NOW)).toThrow(RangeError);
  });
});
