import type { Store } from '../store/store.js';

const HOUR_MS = 3_600_000;

/**
 * Failed logons per principal (api-facts §2.11 MaxLoginAttemps): more than the policy allows within an
 * hour locks the logon for an hour. The key is the logon name as typed (lower-cased) under the account,
 * not the user ID, so an unknown user is locked exactly like a real one and the lock reveals nothing.
 * Counts live in the store, so every node of a cluster sees the same ones.
 */
export class LogonLimiter {
  constructor(private readonly store: Store) {}

  async isLocked(key: string, now: number): Promise<boolean> {
    const row = await this.store.db.selectFrom('login_failures').select('locked_until').where('principal_key', '=', key).executeTakeFirst();
    return row !== undefined && row.locked_until > now;
  }

  /** Counts one failure; `maxAttempts` 0 means unlimited. */
  async fail(key: string, maxAttempts: number, now: number): Promise<void> {
    await this.store.transaction(async (trx) => {
      const row = await trx.selectFrom('login_failures').selectAll().where('principal_key', '=', key).executeTakeFirst();
      const fresh = !row || now - row.window_start >= HOUR_MS;
      const failures = fresh ? 1 : row.failures + 1;
      const lockedUntil = maxAttempts > 0 && failures >= maxAttempts ? now + HOUR_MS : 0;
      const values = { principal_key: key, window_start: fresh ? now : row.window_start, failures, locked_until: lockedUntil };
      await trx
        .insertInto('login_failures')
        .values(values)
        .onConflict((oc) => oc.column('principal_key').doUpdateSet({ window_start: values.window_start, failures: values.failures, locked_until: values.locked_until }))
        .execute();
    });
  }

  async succeed(key: string): Promise<void> {
    await this.store.db.deleteFrom('login_failures').where('principal_key', '=', key).execute();
  }
}
