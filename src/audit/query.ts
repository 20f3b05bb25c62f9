import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../store/store.js';
import type { AuditEvent } from './event.js';
import { describeResource } from './resources.js';
import { copiedFrom } from './stored-copy.js';

/** The LookupAttribute keys of ActionTrail's LookupEvents that ramstack answers. */
export const LOOKUP_KEYS = ['EventId', 'EventName', 'EventRW', 'EventAccessKeyId', 'ServiceName', 'UserName', 'ResourceName', 'ResourceType'] as const;
export type LookupKey = (typeof LOOKUP_KEYS)[number];

type Column = 'event_id' | 'action' | 'access_key_id' | 'service' | 'user_name';

/**
 * How each key matches an event. Keys with a column are also narrowed in SQL (the index does the
 * work); the rest (several resources per event, Read/Write) are matched on the decoded event.
 */
const MATCHERS: Record<LookupKey, { column?: Column; values(event: AuditEvent): string[] }> = {
  EventId: { column: 'event_id', values: (e) => [e.eventId] },
  EventName: { column: 'action', values: (e) => [e.eventName] },
  EventRW: { values: (e) => [e.eventRW] },
  EventAccessKeyId: { column: 'access_key_id', values: (e) => (e.userIdentity.accessKeyId ? [e.userIdentity.accessKeyId] : []) },
  ServiceName: { column: 'service', values: (e) => [e.serviceName] },
  UserName: { column: 'user_name', values: (e) => (e.userIdentity.userName ? [e.userIdentity.userName] : []) },
  // A resource answers to its ARN and to its short name.
  ResourceName: { values: (e) => e.resources.flatMap((arn) => [arn, describeResource(arn)?.name ?? arn]) },
  ResourceType: { values: (e) => e.resources.flatMap((arn) => describeResource(arn)?.type ?? []) },
};

/** A position in a trail, newest first: events strictly older than this come next. */
export interface TrailCursor {
  ms: number;
  eventId: string;
}

export interface TrailQuery {
  /** Whose trail; absent: every trail, each event once (operator CLI). */
  accountId?: string;
  /** Inclusive epoch-ms bounds. */
  startMs: number;
  endMs: number;
  attributes: ReadonlyArray<{ key: LookupKey; value: string }>;
  limit: number;
  after?: TrailCursor;
}

export interface TrailPage {
  events: AuditEvent[];
  /** Where the next page starts; absent on the last page. */
  next?: TrailCursor;
}

/** Rows read per round trip while filtering on the decoded events. */
const SCAN_CHUNK = 200;

/** Reads one page of a trail, newest first, every attribute matching (AND). */
export async function queryTrail(db: Kysely<Database>, query: TrailQuery): Promise<TrailPage> {
  const events: AuditEvent[] = [];
  let cursor = query.after;
  let lastReturned: TrailCursor | undefined;
  for (;;) {
    const rows = await withEvents(db, await chunk(db, query, cursor));
    for (const row of rows) {
      // The copies of one event in several trails sort next to each other (same time and ID).
      const copy = cursor?.eventId === row.event_id && cursor.ms === row.event_ms;
      cursor = { ms: row.event_ms, eventId: row.event_id };
      if (copy || row.event === undefined) continue;
      const event = JSON.parse(row.event) as AuditEvent;
      if (!matches(event, query.attributes)) continue;
      // One match beyond the page proves there is a next page, which starts after the last one returned.
      if (lastReturned && events.length === query.limit) return { events, next: lastReturned };
      events.push(event);
      lastReturned = cursor;
    }
    if (rows.length < SCAN_CHUNK) return { events };
  }
}

type StoredRow = { event_id: string; event_ms: number; event: string };

/**
 * The rows with their events: a row that holds a copy mark (stored-copy.ts) gets the event from the
 * row it names, read in one query per chunk; `event` is undefined if that row is gone (never, as both
 * are written together and share the time the retention sweep goes by).
 */
async function withEvents(db: Kysely<Database>, rows: StoredRow[]): Promise<Array<Omit<StoredRow, 'event'> & { event: string | undefined }>> {
  const sources = rows.map((row) => copiedFrom(row.event));
  const copies = rows.flatMap((row, i) => {
    const from = sources[i];
    return from === undefined ? [] : [{ from, row }];
  });
  if (copies.length === 0) return rows;
  const originals = await db
    .selectFrom('audit_events')
    .select(['account_id', 'event_id', 'event'])
    .where((eb) => eb.or(copies.map(({ from, row }) => eb.and([eb('account_id', '=', from), eb('event_ms', '=', row.event_ms), eb('event_id', '=', row.event_id)]))))
    .execute();
  const events = new Map(originals.map((o) => [`${o.account_id} ${o.event_id}`, o.event]));
  return rows.map((row, i) => (sources[i] === undefined ? row : { ...row, event: events.get(`${sources[i]} ${row.event_id}`) }));
}

function chunk(db: Kysely<Database>, query: TrailQuery, cursor: TrailCursor | undefined) {
  let q: SelectQueryBuilder<Database, 'audit_events', { event_id: string; event_ms: number; event: string }> = db
    .selectFrom('audit_events')
    .select(['event_id', 'event_ms', 'event'])
    .where('event_ms', '>=', query.startMs)
    .where('event_ms', '<=', query.endMs);
  if (query.accountId !== undefined) q = q.where('account_id', '=', query.accountId);
  for (const { key, value } of query.attributes) {
    const column = MATCHERS[key].column;
    if (column) q = q.where(column, '=', value);
  }
  if (cursor) {
    const { ms, eventId } = cursor;
    q = q.where((eb) => eb.or([eb('event_ms', '<', ms), eb.and([eb('event_ms', '=', ms), eb('event_id', '<', eventId)])]));
  }
  return q.orderBy('event_ms', 'desc').orderBy('event_id', 'desc').limit(SCAN_CHUNK).execute();
}

function matches(event: AuditEvent, attributes: TrailQuery['attributes']): boolean {
  return attributes.every(({ key, value }) => MATCHERS[key].values(event).includes(value));
}
