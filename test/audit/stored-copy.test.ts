import { describe, expect, it } from 'vitest';
import { queryTrail } from '../../src/audit/query.js';
import { StoreAuditSink, type AuditDraft } from '../../src/audit/index.js';
import type { Store } from '../../src/store/store.js';
import { openedPerTest, storeKinds } from '../helpers/stores.js';
import { CALLER_ACCOUNT, CREATE_USER, ROLE_OWNER, sessionDraft } from './trail.js';

const [A, B] = [ROLE_OWNER, CALLER_ACCOUNT];

/**
 * CreateUser by a session of A's role, assumed by B's user: an event of A's trail and B's, recorded in
 * the transaction of its change (events written behind are stored in batches: event-batches.test.ts).
 */
const sessionWrite = (requestId: string, time: number) => sessionDraft(requestId, time, CREATE_USER);

async function record(store: Store, ...drafts: AuditDraft[]): Promise<void> {
  const sink = new StoreAuditSink(store, (err) => { throw err; });
  for (const draft of drafts) await store.transaction((trx) => sink.recordInTransaction(trx, draft));
  await sink.close();
}

const trail = async (store: Store, accountId?: string) =>
  (await queryTrail(store.db, { ...(accountId ? { accountId } : {}), startMs: 0, endMs: 2_000_000, attributes: [], limit: 10 })).events.map((e) => e.requestId);

describe.each(storeKinds)('an event of two trails written in its transaction, stored once ($name)', (kind) => {
  const openStore = openedPerTest(kind);
  const open = async () => (await openStore()).store;

  it.skipIf(!kind.available)("holds the event's JSON in the role owner's row only; the caller's account's row names that row", async () => {
    const store = await open();
    await record(store, sessionWrite('r1', 1_000_000));
    const rows = await store.db.selectFrom('audit_events').select(['account_id', 'action', 'event']).orderBy('account_id').execute();
    expect(rows.map((r) => [r.account_id, r.action])).toEqual([[A, 'CreateUser'], [B, 'CreateUser']]);
    expect(JSON.parse(rows[0]!.event).requestId).toBe('r1');
    expect(rows[1]!.event).toBe(`@${A}`);
  });

  it.skipIf(!kind.available)('each trail reads the whole event, newest first, and all trails together read it once', async () => {
    const store = await open();
    await record(store, sessionWrite('older', 1_000_000), sessionWrite('newer', 1_001_000));
    expect(await trail(store, A)).toEqual(['newer', 'older']);
    expect(await trail(store, B)).toEqual(['newer', 'older']);
    expect(await trail(store)).toEqual(['newer', 'older']);
    const [fromA, fromB] = [(await queryTrail(store.db, { accountId: A, startMs: 0, endMs: 2_000_000, attributes: [], limit: 1 })).events[0], (await queryTrail(store.db, { accountId: B, startMs: 0, endMs: 2_000_000, attributes: [], limit: 1 })).events[0]];
    expect(fromB).toEqual(fromA);
  });

  it.skipIf(!kind.available)('a lookup attribute narrows the second trail as it does the first', async () => {
    const store = await open();
    await record(store, sessionWrite('r1', 1_000_000));
    const page = await queryTrail(store.db, { accountId: B, startMs: 0, endMs: 2_000_000, attributes: [{ key: 'EventName', value: 'CreateUser' }, { key: 'UserName', value: 'arms-operator:alice' }], limit: 10 });
    expect(page.events.map((e) => e.requestId)).toEqual(['r1']);
    const none = await queryTrail(store.db, { accountId: B, startMs: 0, endMs: 2_000_000, attributes: [{ key: 'EventName', value: 'AssumeRole' }], limit: 10 });
    expect(none.events).toEqual([]);
  });

  it.skipIf(!kind.available)('a copy whose event row is gone (deleted by hand) is passed over, not an error', async () => {
    const store = await open();
    await record(store, sessionWrite('r1', 1_000_000));
    await store.db.deleteFrom('audit_events').where('account_id', '=', A).execute();
    expect(await trail(store, B)).toEqual([]);
  });
});
