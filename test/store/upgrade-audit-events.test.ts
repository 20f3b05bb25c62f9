import { rmSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { queryTrail } from '../../src/audit/query.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Database } from '../../src/store/schema.js';
import type { Store } from '../../src/store/store.js';
import { dropSchema, newSchemaName, pgUrl, postgresAtMigration, sqliteAtMigration, storeKinds, tempDir } from '../helpers/stores.js';

const ACCOUNT = '1000000000000001';
const OTHER = '2000000000000002';

/** An event as version 0005 stored it: every column of that table filled, the event JSON beside them. */
function oldRow(eventId: string, accountId: string, ms: number) {
  const event = { eventId, eventTime: new Date(ms).toISOString(), eventName: 'ListUsers', serviceName: 'Ram', requestId: `req-${eventId}`, userIdentity: { type: 'root-account', accountId } };
  return {
    event_id: eventId, account_id: accountId, event_time: event.eventTime, event_ms: ms, request_id: event.requestId, service: 'Ram', action: 'ListUsers',
    api_version: '2015-05-01', user_name: null, access_key_id: null, resource_name: null, result_code: 'Success', event: JSON.stringify(event),
  };
}

/** Writes three events with the 0005 schema, upgrades, and reads the account's trail back newest first. */
async function upgradeKeepsTrail(old: Kysely<Database>, open: () => Promise<Store>): Promise<void> {
  // The old table's columns are not the current schema's type: hence the cast.
  await old.insertInto('audit_events').values([oldRow('e1', ACCOUNT, 1000), oldRow('e2', ACCOUNT, 2000), oldRow('e3', OTHER, 3000)] as never).execute();
  await old.destroy();
  const store = await open();
  try {
    const page = await queryTrail(store.db, { accountId: ACCOUNT, startMs: 0, endMs: 10_000, attributes: [], limit: 10 });
    expect(page.events.map((e) => [e.eventId, e.requestId])).toEqual([['e2', 'req-e2'], ['e1', 'req-e1']]);
  } finally {
    await store.close();
  }
}

describe('upgrading the audit table to one index (migration 0006)', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('SQLite: events stored before the upgrade stay in their trails, newest first', async () => {
    const dir = tempDir();
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    await upgradeKeepsTrail(await sqliteAtMigration(dir, '0005_console_logouts'), () => openSqliteStore(dir));
  });

  it.skipIf(!storeKinds[1]!.available)('PostgreSQL: events stored before the upgrade stay in their trails, newest first', async () => {
    const url = pgUrl();
    const schema = newSchemaName();
    cleanups.push(() => dropSchema(url, schema));
    await upgradeKeepsTrail(await postgresAtMigration(url, schema, '0005_console_logouts'), () => openPostgresStore({ url, schema }));
  });
});
