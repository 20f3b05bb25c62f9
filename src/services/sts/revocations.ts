import type { Store } from '../../store/store.js';
import { MAX_SESSION_SECONDS, revocationCutoff, revocationKey, type Revocations } from '../../tokens/index.js';
import { REVOCATIONS_CHANNEL } from './channels.js';

/**
 * Session revocation at rest (ramstack extension, docs/sts.md): one row per role, "sessions issued
 * before `revoked_before` (epoch s) are void". Rows are few (one per revoked role), so every node
 * holds them all in memory and the token check stays free of I/O.
 */

/**
 * Revokes every session of the role issued up to `now` (epoch ms), including sessions chained from
 * them (tokens/revocation.ts), and tells every node.
 */
export async function revokeRoleSessions(store: Store, accountId: string, roleId: string, now: number): Promise<number> {
  const revokedBefore = revocationCutoff(now);
  await store.db.insertInto('session_revocations').values({ account_id: accountId, role_id: roleId, revoked_before: revokedBefore })
    .onConflict((oc) => oc.columns(['account_id', 'role_id']).doUpdateSet({ revoked_before: revokedBefore })).execute();
  await store.publish(REVOCATIONS_CHANNEL, revocationKey(accountId, roleId));
  return revokedBefore;
}

/** The revocations that can still matter at `now` (epoch ms): no session outlives MAX_SESSION_SECONDS. */
export async function loadRevocations(store: Store, now: number): Promise<Revocations> {
  const rows = await store.db.selectFrom('session_revocations').select(['account_id', 'role_id', 'revoked_before'])
    .where('revoked_before', '>', Math.floor(now / 1000) - MAX_SESSION_SECONDS).execute();
  // PostgreSQL returns bigint columns as strings.
  return new Map(rows.map((r) => [revocationKey(r.account_id, r.role_id), Number(r.revoked_before)]));
}
