import type { Insertable, Transaction } from 'kysely';
import type { Database, Store } from '../store/store.js';
import type { AuditEventsTable } from '../store/schema.js';
import { PeriodicWriter } from '../store/periodic-writer.js';
import type { AuditDraft, AuditSink } from './sink.js';
import { buildEvent, trailsOf } from './event.js';
import { AUDIT_BATCH_COLUMNS, EventBatcher, type BatchRow } from './event-batches.js';
import { copyOf } from './stored-copy.js';

const FLUSH_INTERVAL_MS = 100;

/**
 * Writes audit events to the store, in each trail they belong to (the account acted in, and the
 * caller's home account for cross-account sessions).
 * - Writes are recorded in the transaction of their change: a row per trail in audit_events.
 * - Reads and failures are packed as they come and written behind every 100 ms, off the request
 *   path: a row per trail and batch (or 64 KiB of its events) in audit_event_batches (event-batches.ts).
 */
export class StoreAuditSink implements AuditSink {
  private readonly batcher = new EventBatcher();
  private readonly queue: PeriodicWriter<BatchRow>;

  constructor(store: Store, onError: (err: unknown) => void) {
    this.queue = new PeriodicWriter(FLUSH_INTERVAL_MS, (rows) => store.appendBehind('audit_event_batches', AUDIT_BATCH_COLUMNS, rows), onError, () => this.batcher.take());
  }

  async recordInTransaction(trx: Transaction<Database>, draft: AuditDraft): Promise<void> {
    const event = buildEvent(draft);
    if (!event) return;
    const json = JSON.stringify(event);
    const row = { event_id: event.eventId, event_ms: secondOf(draft.time), service: event.serviceName, action: event.eventName, user_name: event.userIdentity.userName ?? null, access_key_id: event.userIdentity.accessKeyId ?? null };
    const [home, ...others] = trailsOf(event);
    await trx
      .insertInto('audit_events')
      .values([{ ...row, account_id: home!, event: json }, ...others.map((accountId): AuditRow => ({ ...row, account_id: accountId, event: copyOf(home!) }))])
      .execute();
  }

  record(draft: AuditDraft): void {
    const event = buildEvent(draft);
    if (!event) return;
    // Every trail holds the whole event: compressed with its trail's others, a second copy costs little.
    const json = JSON.stringify(event);
    const ms = secondOf(draft.time);
    for (const accountId of trailsOf(event)) this.batcher.add(accountId, ms, event.eventId, json);
  }

  flush(): Promise<void> {
    return this.queue.flush();
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

type AuditRow = Insertable<AuditEventsTable>;

/** The second an event is dated (its eventTime), as epoch ms: what both tables order trails by. */
function secondOf(time: number): number {
  return Math.floor(time / 1000) * 1000;
}
