import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../store/store.js';
import type { AuditEvent } from './event.js';
import { describeResource } from './resources.js';
import { batchLines } from './event-batches.js';
import { copiedFrom } from './stored-copy.js';

/** The LookupAttribute keys of ActionTrail's LookupEvents that ramstack answers. */
export const LOOKUP_KEYS = ['EventId', 'EventName', 'EventRW', 'EventAccessKeyId', 'ServiceName', 'UserName', 'ResourceName', 'ResourceType'] as const;
export type LookupKey = (typeof LOOKUP_KEYS)[number];

type Column = 'event_id' | 'action' | 'access_key_id' | 'service' | 'user_name';

/**
 * How each key matches an event. Keys with a column are also narrowed in SQL (the index does the
 * work); the rest (several resources per event, Read/Write) are matched on the decoded event. A key
 * `inJson` matches only events whose JSON holds the value as a string, which passes over most of a
 * stored batch's lines (event-batches.ts) without decoding them.
 */
const MATCHERS: Record<LookupKey, { column?: Column; inJson?: true; values(event: AuditEvent): string[] }> = {
  EventId: { column: 'event_id', inJson: true, values: (e) => [e.eventId] },
  EventName: { column: 'action', inJson: true, values: (e) => [e.eventName] },
  EventRW: { inJson: true, values: (e) => [e.eventRW] },
  EventAccessKeyId: { column: 'access_key_id', inJson: true, values: (e) => (e.userIdentity.accessKeyId ? [e.userIdentity.accessKeyId] : []) },
  ServiceName: { column: 'service', inJson: true, values: (e) => [e.serviceName] },
  UserName: { column: 'user_name', inJson: true, values: (e) => (e.userIdentity.userName ? [e.userIdentity.userName] : []) },
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

/** Rows read per round trip from audit_events while filtering on the decoded events. */
const SCAN_CHUNK = 200;
/** Batches read per round trip from audit_event_batches. */
const BATCH_PAGE = 16;

/**
 * Reads one page of a trail, newest first, every attribute matching (AND). A trail is stored in two
 * tables (recorder.ts): events written in their change's transaction, a row each in audit_events, and
 * events written behind, in batches in audit_event_batches. Both are read newest first and merged.
 */
export async function queryTrail(db: Kysely<Database>, query: TrailQuery): Promise<TrailPage> {
  const events: AuditEvent[] = [];
  let previous = query.after;
  let lastReturned: TrailCursor | undefined;
  for await (const stored of newestFirst(rowEvents(db, query), batchEvents(db, query))) {
    // The copies of one event (in several trails, or stored again by a retried batch) come together.
    const copy = previous?.eventId === stored.eventId && previous.ms === stored.ms;
    previous = { ms: stored.ms, eventId: stored.eventId };
    if (copy || stored.json === undefined) continue;
    const event = stored.event ?? (JSON.parse(stored.json) as AuditEvent);
    if (!matches(event, query.attributes)) continue;
    // One match beyond the page proves there is a next page, which starts after the last one returned.
    if (lastReturned && events.length === query.limit) return { events, next: lastReturned };
    events.push(event);
    lastReturned = previous;
  }
  return { events };
}

/** An event at its place in a trail. `json` is undefined for a copy whose event row is gone. */
interface StoredEvent extends TrailCursor {
  json: string | undefined;
  /** Already decoded (batches decode to find an event's place). */
  event?: AuditEvent;
}

/** Trail order, oldest first: by the second, then by event ID (time-ordered within the second). */
function trailOrder(a: TrailCursor, b: TrailCursor): number {
  return a.ms - b.ms || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

/** Two newest-first sequences as one. */
async function* newestFirst(a: AsyncIterator<StoredEvent>, b: AsyncIterator<StoredEvent>): AsyncGenerator<StoredEvent> {
  let [x, y] = await Promise.all([a.next(), b.next()]);
  while (!x.done || !y.done) {
    if (y.done || (!x.done && trailOrder(x.value, y.value) >= 0)) {
      yield x.value;
      x = await a.next();
    } else {
      yield y.value;
      y = await b.next();
    }
  }
}

/** The trail's events stored a row each, newest first. */
async function* rowEvents(db: Kysely<Database>, query: TrailQuery): AsyncGenerator<StoredEvent> {
  let cursor = query.after;
  for (;;) {
    const rows = await withEvents(db, await chunk(db, query, cursor));
    for (const row of rows) {
      cursor = { ms: row.event_ms, eventId: row.event_id };
      yield { ...cursor, json: row.event };
    }
    if (rows.length < SCAN_CHUNK) return;
  }
}

/**
 * The trail's events stored in batches, newest first. A batch's events are not in order, and batches
 * written one after the other may overlap in time (an event is filed when its call ends, dated when it
 * began), so an event is let out only once no unread batch can hold a newer one: batches are read by
 * their newest event, and the next one's is older than the event.
 */
async function* batchEvents(db: Kysely<Database>, query: TrailQuery): AsyncGenerator<StoredEvent> {
  const verbatim = query.attributes.flatMap(({ key, value }) => (MATCHERS[key].inJson ? [JSON.stringify(value)] : []));
  const after = query.after;
  const waiting: StoredEvent[] = []; // oldest first: the next out is the last
  const batches = batchesNewestFirst(db, query);
  let upcoming = await batches.next();
  for (;;) {
    while (!upcoming.done && (waiting.length === 0 || trailOrder(upcoming.value.newest, waiting.at(-1)!) >= 0)) {
      for (const json of batchLines(upcoming.value.events)) {
        if (!verbatim.every((value) => json.includes(value))) continue;
        const event = JSON.parse(json) as AuditEvent;
        const place = { ms: Date.parse(event.eventTime), eventId: event.eventId };
        if (place.ms < query.startMs || place.ms > query.endMs || (after && trailOrder(place, after) >= 0)) continue;
        waiting.push({ ...place, json, event });
      }
      waiting.sort(trailOrder);
      upcoming = await batches.next();
    }
    const next = waiting.pop();
    if (!next) return;
    yield next;
  }
}

/** The batches that may hold events of the query's trail and span, by their newest event, newest first. */
async function* batchesNewestFirst(db: Kysely<Database>, query: TrailQuery): AsyncGenerator<{ newest: TrailCursor; events: Uint8Array }> {
  const newest = Math.min(query.endMs, query.after?.ms ?? Infinity);
  let page: { lastMs: number; lastEventId: string; batchId: string } | undefined;
  for (;;) {
    let q = db.selectFrom('audit_event_batches').select(['batch_id', 'last_ms', 'last_event_id', 'events']).where('last_ms', '>=', query.startMs).where('first_ms', '<=', newest);
    if (query.accountId !== undefined) q = q.where('account_id', '=', query.accountId);
    if (page) {
      const { lastMs, lastEventId, batchId } = page;
      q = q.where((eb) =>
        eb.or([
          eb('last_ms', '<', lastMs),
          eb.and([eb('last_ms', '=', lastMs), eb('last_event_id', '<', lastEventId)]),
          eb.and([eb('last_ms', '=', lastMs), eb('last_event_id', '=', lastEventId), eb('batch_id', '<', batchId)]),
        ]),
      );
    }
    const rows = await q.orderBy('last_ms', 'desc').orderBy('last_event_id', 'desc').orderBy('batch_id', 'desc').limit(BATCH_PAGE).execute();
    for (const row of rows) yield { newest: { ms: row.last_ms, eventId: row.last_event_id }, events: row.events };
    if (rows.length < BATCH_PAGE) return;
    const last = rows.at(-1)!;
    page = { lastMs: last.last_ms, lastEventId: last.last_event_id, batchId: last.batch_id };
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
