import pg from 'pg';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import { RECONNECTED } from '../../src/store/store.js';
import { dropSchema, newSchemaName, pgUrl, storeKinds } from '../helpers/stores.js';

async function terminateBackendsOf(schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: pgUrl() });
  await admin.connect();
  try {
    // Only this store's connections: the listener (its last query was LISTEN on the schema's channel)
    // and the pooled one whose last query carried the marker; other tests' connections are left alone.
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid() and query ilike '%${schema}%'`);
  } finally {
    await admin.end();
  }
}

describe.skipIf(!storeKinds[1]!.available)('PostgreSQL connection loss', () => {
  it('does not crash the process, and the change feed comes back and says it may have missed changes', async () => {
    const schema = newSchemaName();
    const errors: unknown[] = [];
    const store = await openPostgresStore({ url: pgUrl(), schema, onError: (err) => errors.push(err) });
    try {
      const received: string[] = [];
      await store.subscribe('permissions', (payload) => received.push(payload));
      await sql.raw(`select 'marker-${schema}'`).execute(store.db);
      await terminateBackendsOf(schema);
      await expect.poll(() => received.includes(RECONNECTED), { timeout: 10_000, interval: 100 }).toBe(true);
      await store.publish('permissions', 'after-reconnect');
      await expect.poll(() => received.includes('after-reconnect'), { timeout: 5_000, interval: 50 }).toBe(true);
      expect(await store.isReady()).toBe(true);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await store.close();
      await dropSchema(pgUrl(), schema);
    }
  });
});
