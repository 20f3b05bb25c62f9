import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/stores.js';
import { openStore } from '../../src/store/index.js';
import { StoreAuditSink } from '../../src/audit/index.js';
import { auditDraft, storedRows, eventually } from './trail.js';

const DAY_MS = 86_400_000;
let t: TestServer;

/** A read by an account's root, `ageDays` old. */
const draftAged = (ageDays: number, requestId: string) => auditDraft({ requestId, time: Date.now() - ageDays * DAY_MS });

beforeAll(async () => {
  const dataDir = tempDir();
  const store = await openStore({ dataDir });
  const sink = new StoreAuditSink(store, (err) => { throw err; });
  sink.record(draftAged(3, 'expired'));
  sink.record(draftAged(1, 'kept'));
  await sink.close();
  await store.close();
  process.env.RAMSTACK_AUDIT_RETENTION_DAYS = '2';
  t = await startTestServer({ dataDir });
});
afterAll(async () => {
  delete process.env.RAMSTACK_AUDIT_RETENTION_DAYS;
  await t.stop();
});

it('the server sweeps events older than RAMSTACK_AUDIT_RETENTION_DAYS and keeps the younger ones', async () => {
  const rows = await eventually(() => storedRows(t), (all) => !all.some((r) => r.request_id === 'expired'));
  expect(rows.map((r) => r.request_id)).toEqual(['kept']);
});
