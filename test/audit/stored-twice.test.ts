import { afterEach, expect, it } from 'vitest';
import { queryTrail } from '../../src/audit/query.js';
import { StoreAuditSink } from '../../src/audit/index.js';
import type { Store } from '../../src/store/store.js';
import { storeKinds, type TestStore } from '../helpers/stores.js';
import { auditDraft } from './trail.js';

const ACCOUNT = '1000000000000001';
const opened: TestStore[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.cleanup();
});

const read = (requestId: string, time: number) => auditDraft({ requestId, time });

/** Records two events, then stores every row of the table a second time, as a retried batch would. */
async function trailWithEveryRowTwice(store: Store): Promise<string[]> {
  const sink = new StoreAuditSink(store, (err) => { throw err; });
  sink.record(read('first', 1_000_000));
  sink.record(read('second', 1_002_000));
  await sink.close();
  const rows = await store.db.selectFrom('audit_events').selectAll().execute();
  await store.db.insertInto('audit_events').values(rows).execute();
  const page = await queryTrail(store.db, { accountId: ACCOUNT, startMs: 0, endMs: 2_000_000, attributes: [], limit: 10 });
  return page.events.map((e) => e.requestId);
}

// The table has no unique key (migration 0006): a write-behind batch retried after a commit whose
// acknowledgement was lost (PostgreSQL connection dropped at COMMIT) stores its events again.
for (const kind of storeKinds) {
  it.skipIf(!kind.available)(`${kind.name}: an event stored twice in a trail is read once, in its place`, async () => {
    const s = await kind.open();
    opened.push(s);
    expect(await trailWithEveryRowTwice(s.store)).toEqual(['second', 'first']);
  });
}
