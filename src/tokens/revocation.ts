import type { SessionClaims } from './claims.js';

/** Revocations by `<roleAccountId>:<roleId>`: sessions of that role issued before the value (epoch s) are revoked. */
export type Revocations = ReadonlyMap<string, number>;

export function revocationKey(roleAccountId: string, roleId: string): string {
  return `${roleAccountId}:${roleId}`;
}

/**
 * The `revokedBefore` value that revokes every session issued up to `now` (epoch ms). Claims carry
 * whole seconds, so a cutoff of floor(now) would spare sessions issued earlier in the same second;
 * rounding up revokes them, at the price of also refusing sessions issued in the rest of that
 * second (fail closed: a client simply assumes the role again).
 */
export function revocationCutoff(now: number): number {
  return Math.floor(now / 1000) + 1;
}

function revokedBy(revocations: Revocations, key: string, issuedAt: number): boolean {
  const before = revocations.get(key);
  return before !== undefined && issuedAt < before;
}

/**
 * Whether a session has been revoked: its role's sessions issued before a cutoff were revoked, or,
 * for a chained session, its calling role's were. The second rule keeps a stolen session of a
 * revoked role from surviving through a session it chained into before the revocation: a chained
 * session issued before the cutoff was necessarily minted by a (now revoked) earlier session.
 * Only the direct parent is known to the claims, so deeper chains are covered one level up
 * (chained sessions are capped at one hour, which bounds the rest).
 */
export function isRevoked(claims: SessionClaims, revocations: Revocations): boolean {
  if (revocations.size === 0) return false;
  if (revokedBy(revocations, revocationKey(claims.roleAccountId, claims.roleId), claims.issuedAt)) return true;
  if (claims.callerType !== 'role') return false;
  // A role caller's PrincipalId is `<roleId>:<sessionName>` (api-facts §1.5).
  const colon = claims.callerPrincipalId.indexOf(':');
  const callerRoleId = colon < 0 ? claims.callerPrincipalId : claims.callerPrincipalId.slice(0, colon);
  return revokedBy(revocations, revocationKey(claims.callerAccountId, callerRoleId), claims.issuedAt);
}
