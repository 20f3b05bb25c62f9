import type { Insertable, Transaction } from 'kysely';
import type { Database, Store } from '../store/store.js';
import type { AuditEventsTable } from '../store/schema.js';
import { PeriodicWriter } from '../store/periodic-writer.js';
import type { AuditDraft, AuditSink } from './sink.js';
import { buildEvent, trailsOf, type AuditEvent } from './event.js';
import { copyOf } from './stored-copy.js';

const FLUSH_INTERVAL_MS = 100;

/**
 * Writes audit events to the store: one row per trail (the account acted in, and the caller's home
 * account for cross-account sessions). Writes are recorded in the transaction of their change; reads
 * and failures are queued and written behind (Store.writeBehind) every 100 ms, off the request path.
 */
export class StoreAuditSink implements AuditSink {
  /**
   * Rows, not events: an event is serialized as it is recorded, so what waits here for the next batch
   * is a few strings per row rather than the event's object graph.
   */
  private readonly queue: PeriodicWriter<RowValues>;

  constructor(store: Store, onError: (err: unknown) => void) {
    this.queue = new PeriodicWriter(FLUSH_INTERVAL_MS, (rows) => store.appendBehind('audit_events', COLUMNS, rows), onError);
  }

  async recordInTransaction(trx: Transaction<Database>, draft: AuditDraft): Promise<void> {
    const event = buildEvent(draft);
    if (!event) return;
    await trx.insertInto('audit_events').values(rowsOf(event, draft.time).map(asRow)).execute();
  }

  record(draft: AuditDraft): void {
    const event = buildEvent(draft);
    if (event) for (const row of rowsOf(event, draft.time)) this.queue.add(row);
  }

  flush(): Promise<void> {
    return this.queue.flush();
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

type AuditRow = Insertable<AuditEventsTable>;
const COLUMNS = ['event_id', 'account_id', 'event_ms', 'service', 'action', 'user_name', 'access_key_id', 'event'] as const satisfies readonly (keyof AuditRow)[];
/** A row's values in the order of COLUMNS, as the write-behind batch takes them. */
type RowValues = [eventId: string, accountId: string, eventMs: number, service: string, action: string, userName: string | null, accessKeyId: string | null, event: string];

function asRow([event_id, account_id, event_ms, service, action, user_name, access_key_id, event]: RowValues): AuditRow {
  return { event_id, account_id, event_ms, service, action, user_name, access_key_id, event };
}

/**
 * One row per trail the event belongs to; the first (the account acted in) holds the event
 * (stored-copy.ts). `time` is the draft's epoch ms; the row keeps the second the event is dated.
 */
function rowsOf(event: AuditEvent, time: number): RowValues[] {
  const json = JSON.stringify(event);
  const ms = Math.floor(time / 1000) * 1000;
  const identity = event.userIdentity;
  const userName = identity.userName ?? null;
  const accessKeyId = identity.accessKeyId ?? null;
  const trails = trailsOf(event);
  const home = trails[0]!;
  return trails.map((accountId) => [event.eventId, accountId, ms, event.serviceName, event.eventName, userName, accessKeyId, accountId === home ? json : copyOf(home)]);
}
