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
  private readonly queue: PeriodicWriter<AuditEvent>;

  constructor(store: Store, onError: (err: unknown) => void) {
    const valuesOf = (row: AuditRow) => COLUMNS.map((column) => row[column]);
    this.queue = new PeriodicWriter(FLUSH_INTERVAL_MS, (events) => store.appendBehind('audit_events', COLUMNS, events.flatMap((event) => rowsOf(event).map(valuesOf))), onError);
  }

  async recordInTransaction(trx: Transaction<Database>, draft: AuditDraft): Promise<void> {
    const event = buildEvent(draft);
    if (!event) return;
    await trx.insertInto('audit_events').values(rowsOf(event)).execute();
  }

  record(draft: AuditDraft): void {
    const event = buildEvent(draft);
    if (event) this.queue.add(event);
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

/** One row per trail the event belongs to; the first (the account acted in) holds the event (stored-copy.ts). */
function rowsOf(event: AuditEvent): AuditRow[] {
  const json = JSON.stringify(event);
  const ms = Date.parse(event.eventTime);
  const identity = event.userIdentity;
  const trails = trailsOf(event);
  const home = trails[0]!;
  return trails.map((accountId) => ({
    event_id: event.eventId,
    account_id: accountId,
    event_ms: ms,
    service: event.serviceName,
    action: event.eventName,
    user_name: identity.userName ?? null,
    access_key_id: identity.accessKeyId ?? null,
    event: accountId === home ? json : copyOf(home),
  }));
}
