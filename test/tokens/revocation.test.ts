import { describe, expect, it } from 'vitest';
import { KeyRing, issueCredentials, isRevoked, revocationCutoff, revocationKey, type SessionClaims } from '../../src/tokens/index.js';
import { NOW, grant } from './fixtures.js';

const ring = KeyRing.generate(NOW);
const session = (at: number, overrides = {}): SessionClaims => issueCredentials(ring, grant(overrides), at).claims;
const ROLE = revocationKey('1234567890123456', '300401948379881138');

describe('session revocation', () => {
  it('revokes sessions of the role issued before the cutoff', () => {
    expect(isRevoked(session(NOW), new Map([[ROLE, NOW / 1000 + 1]]))).toBe(true);
  });

  it('spares sessions issued at or after the cutoff', () => {
    expect(isRevoked(session(NOW), new Map([[ROLE, NOW / 1000]]))).toBe(false);
  });

  it('spares sessions of other roles, including a same-id role of another account', () => {
    const revocations = new Map([[revocationKey('9999999999999999', '300401948379881138'), NOW / 1000 + 60]]);
    expect(isRevoked(session(NOW), revocations)).toBe(false);
    expect(isRevoked(session(NOW), new Map())).toBe(false);
  });

  it('revokes, via the cutoff helper, a session issued earlier in the same second as the revocation', () => {
    const revocations = new Map([[ROLE, revocationCutoff(NOW + 999)]]);
    expect(isRevoked(session(NOW), revocations)).toBe(true);
    expect(isRevoked(session(NOW + 1000), revocations)).toBe(false);
  });

  it('revokes a chained session minted from a revoked role before the cutoff', () => {
    const chained = session(NOW, {
      roleAccountId: '5555555555555555',
      roleId: '300000000000000555',
      callerType: 'role',
      callerAccountId: '1234567890123456',
      callerArn: 'acs:ram::1234567890123456:assumed-role/adminrole/alice',
      callerPrincipalId: '300401948379881138:alice',
    });
    expect(isRevoked(chained, new Map([[ROLE, NOW / 1000 + 1]]))).toBe(true);
    expect(isRevoked(chained, new Map([[ROLE, NOW / 1000]]))).toBe(false);
  });

  it('does not read a user caller principal id as a role id', () => {
    const byUser = session(NOW, { callerAccountId: '1234567890123456', callerPrincipalId: '300401948379881138' });
    expect(isRevoked(byUser, new Map([[revocationKey('1234567890123456', '300401948379881138'), 0]]))).toBe(false);
    expect(isRevoked({ ...byUser, roleId: 'other' }, new Map([[ROLE, NOW / 1000 + 1]]))).toBe(false);
  });
});
