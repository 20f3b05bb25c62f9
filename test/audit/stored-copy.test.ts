import { afterEach, describe, expect, it } from 'vitest';
import { queryTrail } from '../../src/audit/query.js';
import { StoreAuditSink, type AuditDraft } from '../../src/audit/index.js';
import type { SessionClaims } from '../../src/tokens/index.js';
import type { Store } from '../../src/store/store.js';
import { storeKinds, type TestStore } from '../helpers/stores.js';
import { auditDraft } from './trail.js';

const A = '1000000000000001';
const B = '2000000000000002';

/** GetCallerIdentity by a session of A's role, assumed by B's user: an event of A's trail and B's. */
function sessionRead(requestId: string, time: number): AuditDraft {
  const claims: SessionClaims = {
    accessKeyId: 'STS.test', roleAccountId: A, roleId: '300000000000000001', roleName: 'arms-operator', sessionName: 'alice',
    callerArn: `acs:ram::${B}:user/alice`, callerAccountId: B, callerType: 'user', callerPrincipalId: '200000000000000001',
    mfaPresent: false, issuedAt: Math.floor(time / 1000), expiresAt: Math.floor(time / 1000) + 3600,
  };
  return auditDraft({
    requestId,
    time,
    action: { product: 'Sts', version: '2015-04-01', name: 'GetCallerIdentity', ramAction: 'sts:GetCallerIdentity', access: 'read' },
    caller: { kind: 'session', accountId: A, arn: `acs:ram::${A}:assumed-role/arms-operator/alice`, accessKeyId: 'STS.test', roleId: claims.roleId, roleName: 'arms-operator', sessionName: 'alice', claims },
  });
}

async function record(store: Store, ...drafts: AuditDraft[]): Promise<void> {
  const sink = new StoreAuditSink(store, (err) => { throw err; });
  for (const draft of drafts) sink.record(draft);
  await sink.close();
}

const trail = async (store: Store, accountId?: string) =>
  (await queryTrail(store.db, { ...(accountId ? { accountId } : {}), startMs: 0, endMs: 2_000_000, attributes: [], limit: 10 })).events.map((e) => e.requestId);

describe.each(storeKinds)('an event of two trails, stored once ($name)', (kind) => {
  const opened: TestStore[] = [];
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.cleanup();
  });
  const open = async () => {
    const s = await kind.open();
    opened.push(s);
    return s.store;
  };

  it.skipIf(!kind.available)("holds the event's JSON in the role owner's row only; the caller's account's row names that row", async () => {
    const store = await open();
    await record(store, sessionRead('r1', 1_000_000));
    const rows = await store.db.selectFrom('audit_events').select(['account_id', 'action', 'event']).orderBy('account_id').execute();
    expect(rows.map((r) => [r.account_id, r.action])).toEqual([[A, 'GetCallerIdentity'], [B, 'GetCallerIdentity']]);
    expect(JSON.parse(rows[0]!.event).requestId).toBe('r1');
    expect(rows[1]!.event).toBe(`@${A}`);
  });

  it.skipIf(!kind.available)('each trail reads the whole event, newest first, and all trails together read it once', async () => {
    const store = await open();
    await record(store, sessionRead('older', 1_000_000), sessionRead('newer', 1_001_000));
    expect(await trail(store, A)).toEqual(['newer', 'older']);
    expect(await trail(store, B)).toEqual(['newer', 'older']);
    expect(await trail(store)).toEqual(['newer', 'older']);
    const [fromA, fromB] = [(await queryTrail(store.db, { accountId: A, startMs: 0, endMs: 2_000_000, attributes: [], limit: 1 })).events[0], (await queryTrail(store.db, { accountId: B, startMs: 0, endMs: 2_000_000, attributes: [], limit: 1 })).events[0]];
    expect(fromB).toEqual(fromA);
  });

  it.skipIf(!kind.available)('a lookup attribute narrows the second trail as it does the first', async () => {
    const store = await open();
    await record(store, sessionRead('r1', 1_000_000));
    const page = await queryTrail(store.db, { accountId: B, startMs: 0, endMs: 2_000_000, attributes: [{ key: 'EventName', value: 'GetCallerIdentity' }, { key: 'UserName', value: 'arms-operator:alice' }], limit: 10 });
    expect(page.events.map((e) => e.requestId)).toEqual(['r1']);
    const none = await queryTrail(store.db, { accountId: B, startMs: 0, endMs: 2_000_000, attributes: [{ key: 'EventName', value: 'AssumeRole' }], limit: 10 });
    expect(none.events).toEqual([]);
  });

  it.skipIf(!kind.available)('a copy whose event row is gone (deleted by hand) is passed over, not an error', async () => {
    const store = await open();
    await record(store, sessionRead('r1', 1_000_000));
    await store.db.deleteFrom('audit_events').where('account_id', '=', A).execute();
    expect(await trail(store, B)).toEqual([]);
  });
});
