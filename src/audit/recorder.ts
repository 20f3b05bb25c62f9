import type { CompiledQuery, Kysely, Transaction } from 'kysely';
import type { Database, Store } from '../store/store.js';
import { PeriodicWriter } from '../store/periodic-writer.js';
import type { AuditDraft, AuditSink } from './sink.js';
import { buildEvent, trailsOf, type AuditEvent } from './event.js';

const FLUSH_INTERVAL_MS = 100;

/**
 * Writes audit events to the store: one row per trail (the account acted in, and the caller's home
 * account for cross-account sessions). Writes are recorded in the transaction of their change; reads
 * and failures are queued and written behind (Store.writeBehind) every 100 ms, off the request path.
 */
export class StoreAuditSink implements AuditSink {
  private readonly queue: PeriodicWriter<AuditEvent>;

  constructor(store: Store, onError: (err: unknown) => void) {
    this.queue = new PeriodicWriter(store, FLUSH_INTERVAL_MS, insertQueries, onError);
  }

  async recordInTransaction(trx: Transaction<Database>, draft: AuditDraft): Promise<void> {
    const event = buildEvent(draft);
    if (event) for (const query of insertQueries(trx, [event])) await trx.executeQuery(query);
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

function insertQueries(db: Kysely<Database>, events: AuditEvent[]): CompiledQuery[] {
  const rows = events.flatMap((event) => {
    const json = JSON.stringify(event);
    const ms = Date.parse(event.eventTime);
    const identity = event.userIdentity;
    return trailsOf(event).map((accountId) => ({
      event_id: event.eventId,
      account_id: accountId,
      event_time: event.eventTime,
      event_ms: ms,
      request_id: event.requestId,
      service: event.serviceName,
      action: event.eventName,
      api_version: event.apiVersion,
      user_name: identity.userName ?? null,
      access_key_id: identity.accessKeyId ?? null,
      resource_name: event.resourceName ?? null,
      result_code: event.errorCode ?? 'Success',
      event: json,
    }));
  });
  const queries: CompiledQuery[] = [];
  for (let i = 0; i < rows.length; i += 200) queries.push(db.insertInto('audit_events').values(rows.slice(i, i + 200)).compile());
  return queries;
}
