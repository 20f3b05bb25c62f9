import { createHash } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { ConsoleSession } from './session.js';

/**
 * Sessions ended by logout. A console session is a sealed cookie that any node opens without a table,
 * so logging out on its own would only ask the browser to forget it — a copy taken earlier would keep
 * working until it expires. Logging out therefore also records the session here until its own expiry,
 * and every console request checks the record (one primary-key read; console traffic is a person's).
 * A session is known by a hash of its CSRF token, which is random per logon and kept for its lifetime.
 */
function sessionKey(session: ConsoleSession): string {
  return createHash('sha256').update(session.csrf).digest('hex');
}

export async function recordLogout(store: Store, session: ConsoleSession, now: number): Promise<void> {
  await store.transaction(async (trx) => {
    // Records no longer needed (their sessions expired anyway) go as new ones come.
    await trx.deleteFrom('console_logouts').where('expires_at', '<=', now).execute();
    await trx.insertInto('console_logouts').values({ session_key: sessionKey(session), expires_at: session.expiresAt }).onConflict((oc) => oc.doNothing()).execute();
  });
}

export async function isLoggedOut(store: Store, session: ConsoleSession): Promise<boolean> {
  return (await store.db.selectFrom('console_logouts').select('session_key').where('session_key', '=', sessionKey(session)).executeTakeFirst()) !== undefined;
}
