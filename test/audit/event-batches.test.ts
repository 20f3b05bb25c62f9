import { inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queryTrail, type TrailCursor, type TrailQuery } from '../../src/audit/query.js';
import { StoreAuditSink } from '../../src/audit/index.js';
import { batchLines, SEGMENT_BYTES } from '../../src/audit/event-batches.js';
import { sweepExpiredEvents } from '../../src/audit/retention.js';
import type { Store } from '../../src/store/store.js';
import { openedPerTest, storeKinds } from '../helpers/stores.js';
import { auditDraft, CALLER_ACCOUNT, CREATE_USER, ROLE_OWNER, sessionDraft } from './trail.js';

const [A, B] = [ROLE_OWNER, CALLER_ACCOUNT];
const DAY_MS = 86_400_000;

const write = (requestId: string, time: number) => auditDraft({ requestId, time, action: CREATE_USER });

/** GetCallerIdentity by a session of A's role, assumed by B's user: an event of A's trail and B's. */
const sessionRead = (requestId: string, time: number) => sessionDraft(requestId, time, { product: 'Sts', version: '2015-04-01', name: 'GetCallerIdentity', ramAction: 'sts:GetCallerIdentity', access: 'read' });

const query = (fields: Partial<TrailQuery> = {}): TrailQuery => ({ accountId: A, startMs: 0, endMs: 10_000_000, attributes: [], limit: 100, ...fields });
const requestIds = async (store: Store, fields: Partial<TrailQuery> = {}) => (await queryTrail(store.db, query(fields))).events.map((e) => e.requestId);

describe.each(storeKinds)('events written behind, stored in batches ($name)', (kind) => {
  const openStore = openedPerTest(kind);
  const open = async () => {
    const { store } = await openStore();
    return { store, sink: new StoreAuditSink(store, (err) => { throw err; }) };
  };

  it.skipIf(!kind.available)("are stored as one row per trail and batch, each trail's row holding the whole events as JSON lines", async () => {
    const { store, sink } = await open();
    sink.record(sessionRead('r1', 1_000_000));
    sink.record(sessionRead('r2', 1_001_500));
    await sink.flush();
    const rows = await store.db.selectFrom('audit_event_batches').selectAll().orderBy('account_id').execute();
    expect(rows.map((r) => [r.account_id, r.first_ms, r.last_ms, r.event_count])).toEqual([[A, 1_000_000, 1_001_000, 2], [B, 1_000_000, 1_001_000, 2]]);
    for (const row of rows) expect(batchLines(row.events).map((json) => JSON.parse(json).requestId)).toEqual(['r1', 'r2']);
    // The stored form, for an operator reading the table: JSON lines compressed with raw DEFLATE.
    const text = inflateRawSync(rows[0]!.events).toString('utf8');
    expect(text.split('\n').map((line) => (line ? JSON.parse(line).requestId : line))).toEqual(['r1', 'r2', '']);
    expect(rows[0]!.events.byteLength).toBeLessThan(Buffer.byteLength(text));
    expect(await store.db.selectFrom('audit_events').selectAll().execute()).toEqual([]);
    await sink.close();
  });

  it.skipIf(!kind.available)("a trail's next batch holds only the events filed since the last one, with their own times", async () => {
    const { store, sink } = await open();
    sink.record(sessionRead('r1', 1_000_000));
    await sink.flush();
    sink.record(sessionRead('r2', 3_000_000));
    await sink.close();
    const rows = await store.db.selectFrom('audit_event_batches').selectAll().where('account_id', '=', A).orderBy('first_ms').execute();
    expect(rows.map((r) => [r.first_ms, r.last_ms, r.event_count, batchLines(r.events).map((json) => JSON.parse(json).requestId)])).toEqual([
      [1_000_000, 1_000_000, 1, ['r1']],
      [3_000_000, 3_000_000, 1, ['r2']],
    ]);
  });

  it.skipIf(!kind.available)('a trail reads its batched events and its event rows together, newest first', async () => {
    const { store, sink } = await open();
    sink.record(sessionRead('read-1', 1_000_000));
    await store.transaction((trx) => sink.recordInTransaction(trx, write('write-2', 2_000_000)));
    sink.record(sessionRead('read-3', 3_000_000));
    await store.transaction((trx) => sink.recordInTransaction(trx, write('write-4', 4_000_000)));
    await sink.close();
    expect(await requestIds(store)).toEqual(['write-4', 'read-3', 'write-2', 'read-1']);
    expect(await requestIds(store, { accountId: B })).toEqual(['read-3', 'read-1']);
    expect(await requestIds(store, { accountId: undefined })).toEqual(['write-4', 'read-3', 'write-2', 'read-1']);
  });

  it.skipIf(!kind.available)('an event filed in a later batch but dated earlier is read in its place', async () => {
    const { store, sink } = await open();
    sink.record(sessionRead('dated-5', 5_000_000));
    await sink.flush();
    // A call that began before the one above and ended after the batch was written.
    sink.record(sessionRead('dated-4', 4_000_000));
    sink.record(sessionRead('dated-6', 6_000_000));
    await sink.close();
    expect(await requestIds(store)).toEqual(['dated-6', 'dated-5', 'dated-4']);
    const first = await queryTrail(store.db, query({ limit: 1 }));
    const second = await queryTrail(store.db, query({ limit: 1, after: first.next! }));
    const third = await queryTrail(store.db, query({ limit: 1, after: second.next! }));
    expect([first, second, third].map((page) => page.events.map((e) => e.requestId))).toEqual([['dated-6'], ['dated-5'], ['dated-4']]);
    expect(third.next).toBeUndefined();
  });

  it.skipIf(!kind.available)('lookup attributes and the time span narrow batched events as they narrow rows', async () => {
    const { store, sink } = await open();
    sink.record(sessionRead('gci', 1_000_000));
    sink.record(auditDraft({ requestId: 'list', time: 2_000_000, caller: { kind: 'root', accountId: A, arn: `acs:ram::${A}:root`, accessKeyId: null } }));
    await sink.close();
    expect(await requestIds(store, { attributes: [{ key: 'EventName', value: 'ListUsers' }] })).toEqual(['list']);
    expect(await requestIds(store, { attributes: [{ key: 'UserName', value: 'arms-operator:alice' }, { key: 'EventRW', value: 'Read' }] })).toEqual(['gci']);
    expect(await requestIds(store, { attributes: [{ key: 'EventName', value: 'GetCallerIdentity' }, { key: 'ServiceName', value: 'Ram' }] })).toEqual([]);
    expect(await requestIds(store, { startMs: 1_500_000 })).toEqual(['list']);
    expect(await requestIds(store, { endMs: 1_500_000 })).toEqual(['gci']);
  });

  it.skipIf(!kind.available)("the retention sweep deletes expired batches and rewrites one that holds events on both sides of the cutoff", async () => {
    const { store, sink } = await open();
    const now = 100 * DAY_MS;
    sink.record(sessionRead('old', now - 5 * DAY_MS));
    await sink.flush();
    sink.record(sessionRead('expired', now - 3 * DAY_MS));
    sink.record(sessionRead('kept', now - DAY_MS));
    await sink.close();
    // Three events in A's trail and the same three in B's.
    expect(await sweepExpiredEvents(store, 2, now)).toBe(4);
    expect(await requestIds(store, { endMs: now })).toEqual(['kept']);
    expect(await requestIds(store, { accountId: B, endMs: now })).toEqual(['kept']);
    const rows = await store.db.selectFrom('audit_event_batches').select(['first_ms', 'event_count']).execute();
    expect(rows).toEqual([{ first_ms: now - DAY_MS, event_count: 1 }, { first_ms: now - DAY_MS, event_count: 1 }]);
  });
});

describe('event batches, sqlite', () => {
  const open = openedPerTest(storeKinds.find((k) => k.name === 'sqlite')!);

  it('keep every event of batches that outgrow and then shrink their buffer, whatever its characters (newlines and non-ASCII included)', async () => {
    const s = await open();
    const sink = new StoreAuditSink(s.store, (err) => { throw err; });
    const userAgentsOf = (size: number, batch: number) => Array.from({ length: size }, (_, i) => `agent ${batch}.${i}\nline two ✓ 𝄞 ${'é'.repeat(i % 50)}`);
    // Big, small (the buffer halves after it), small, big again.
    const batches = [400, 1, 1, 400].map(userAgentsOf);
    for (const [b, userAgents] of batches.entries()) {
      userAgents.forEach((userAgent, i) => sink.record(auditDraft({ requestId: `r${b}.${i}`, time: 1_000_000 + b * 1000, request: { sourceIp: '127.0.0.1', secure: false, userAgent } })));
      await sink.flush();
    }
    await sink.close();
    const rows = await s.store.db.selectFrom('audit_event_batches').select(['first_ms', 'events', 'event_count']).execute();
    const stored = (batch: number) => rows.filter((row) => row.first_ms === 1_000_000 + batch * 1000).flatMap((row) => batchLines(row.events).map((json) => JSON.parse(json).userAgent));
    expect(batches.map((_, b) => stored(b).sort())).toEqual(batches.map((userAgents) => [...userAgents].sort()));
  });

  it('split a trail\'s batch into rows of at most a segment of JSON each, so no compression stalls the event loop for long', async () => {
    const s = await open();
    const sink = new StoreAuditSink(s.store, (err) => { throw err; });
    for (let i = 0; i < 1000; i++) sink.record(auditDraft({ requestId: `r${i}`, time: 1_000_000 }));
    await sink.close();
    const rows = await s.store.db.selectFrom('audit_event_batches').select(['events', 'event_count']).execute();
    const sizes = rows.map((row) => inflateRawSync(row.events).byteLength);
    expect(rows.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(SEGMENT_BYTES);
    expect(rows.reduce((sum, row) => sum + row.event_count, 0)).toBe(1000);
    expect(new Set(await requestIds(s.store, { limit: 1000 })).size).toBe(1000);
  });

  /**
   * Any mix of event rows and batches, batches written at any points and events dated in any order
   * within a few seconds, paged with any page size: every event is read once, in trail order.
   */
  it('paging through a trail stored in both tables returns every event once, newest first', async () => {
    const s = await open();
    const store = s.store;
    let round = 0;
    const event = fc.record({ second: fc.integer({ min: 0, max: 5 }), written: fc.boolean(), flushAfter: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), async (events, limit) => {
        const base = ++round * 1_000_000;
        const sink = new StoreAuditSink(store, (err) => { throw err; });
        const recorded: Array<{ requestId: string; ms: number; eventId?: string }> = [];
        for (const [i, e] of events.entries()) {
          const draft = e.written ? write(`r${i}`, base + e.second * 1000) : sessionRead(`r${i}`, base + e.second * 1000);
          if (e.written) await store.transaction((trx) => sink.recordInTransaction(trx, draft));
          else sink.record(draft);
          recorded.push({ requestId: draft.requestId, ms: draft.time });
          if (e.flushAfter) await sink.flush();
        }
        await sink.close();
        const seen: string[] = [];
        const ids: string[] = [];
        let after: TrailCursor | undefined;
        for (;;) {
          const page = await queryTrail(store.db, query({ startMs: base, endMs: base + 999_999, limit, ...(after ? { after } : {}) }));
          seen.push(...page.events.map((e) => e.requestId));
          ids.push(...page.events.map((e) => `${Date.parse(e.eventTime)} ${e.eventId}`));
          if (!page.next) break;
          after = page.next;
        }
        expect([...seen].sort()).toEqual(recorded.map((r) => r.requestId).sort());
        const order = (x: string) => [Number(x.split(' ')[0]), x.split(' ')[1]!] as const;
        const newestFirst = [...ids].sort((x, y) => order(y)[0] - order(x)[0] || (order(y)[1] < order(x)[1] ? -1 : order(y)[1] > order(x)[1] ? 1 : 0));
        expect(ids).toEqual(newestFirst);
      }),
      { numRuns: 60 },
    );
  });
});
