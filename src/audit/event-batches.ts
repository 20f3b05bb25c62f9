import { randomUUID } from 'node:crypto';
import { constants, deflateRawSync, inflateRawSync, type ZlibOptions } from 'node:zlib';

/**
 * A trail's share of one write-behind batch, in the order of AUDIT_BATCH_COLUMNS. `events` holds the
 * events as JSON lines (UTF-8, one per line), compressed with raw DEFLATE.
 */
export type BatchRow = [batchId: string, accountId: string, firstMs: number, lastMs: number, lastEventId: string, eventCount: number, events: Uint8Array];
export const AUDIT_BATCH_COLUMNS = ['batch_id', 'account_id', 'first_ms', 'last_ms', 'last_event_id', 'event_count', 'events'] as const;

const NEWLINE = 0x0a;
/**
 * A trail's first buffer (a few events). It doubles as needed, is kept while the trail gets events,
 * and halves after a batch that used less than a quarter of it, so a burst does not pin its size.
 */
const INITIAL_BYTES = 4 * 1024;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit. */
const MAX_BYTES_PER_CHAR = 3;

/**
 * The fastest level: the events of one trail repeat most of their text (about 24 to 1 for
 * GetCallerIdentity here), and writing a byte through SQLite's WAL and checkpoint costs more CPU than
 * compressing it (docs/performance.md).
 */
const DEFLATE: ZlibOptions = { level: constants.Z_BEST_SPEED };

/**
 * A row holds at most about this much JSON (some 55 GetCallerIdentity events): compressing it takes
 * about 50 µs here, so the event loop never stalls on a whole batch at once.
 */
export const SEGMENT_BYTES = 64 * 1024;

/** One trail's events since its last row, as JSON lines. */
class TrailLines {
  private bytes = Buffer.allocUnsafeSlow(INITIAL_BYTES);
  private used = 0;
  private count = 0;
  private firstMs = Infinity;
  /** The newest event's place in trail order: its second, then its ID. */
  private lastMs = -Infinity;
  private lastEventId = '';

  constructor(private readonly accountId: string) {}

  get empty(): boolean {
    return this.count === 0;
  }

  /** Adds an event; returns the row of the events before it if they fill a segment. */
  append(json: string, ms: number, eventId: string): BatchRow | undefined {
    const worstCase = json.length * MAX_BYTES_PER_CHAR + 1;
    let full: BatchRow | undefined;
    if (this.used > 0 && this.used + worstCase > SEGMENT_BYTES) full = this.take();
    if (this.used + worstCase > this.bytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.used + worstCase));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.used += this.bytes.write(json, this.used);
    this.bytes[this.used++] = NEWLINE;
    this.count++;
    if (ms < this.firstMs) this.firstMs = ms;
    if (ms > this.lastMs || (ms === this.lastMs && eventId > this.lastEventId)) {
      this.lastMs = ms;
      this.lastEventId = eventId;
    }
    return full;
  }

  /** The row of the events so far, compressed; the buffer is then reused. */
  take(): BatchRow {
    const row: BatchRow = [randomUUID(), this.accountId, this.firstMs, this.lastMs, this.lastEventId, this.count, deflateRawSync(this.bytes.subarray(0, this.used), DEFLATE)];
    if (this.used * 4 < this.bytes.length && this.bytes.length > INITIAL_BYTES) this.bytes = Buffer.allocUnsafeSlow(this.bytes.length / 2);
    this.used = 0;
    this.count = 0;
    this.firstMs = Infinity;
    this.lastMs = -Infinity;
    this.lastEventId = '';
    return row;
  }
}

/**
 * Events waiting for the next write-behind batch, packed as they come: each trail's events as JSON
 * lines in a buffer of its own, compressed into a row whenever they fill a segment and at each batch.
 * A batch then hands the writer thread a few compressed rows per busy trail, not one per event.
 * Compressing copies the events out, so a trail keeps its buffer (no growing again) until a batch
 * interval passes without its events.
 */
export class EventBatcher {
  private readonly trails = new Map<string, TrailLines>();
  private full: BatchRow[] = [];

  /** `ms`: the second the event is dated, epoch ms (as audit_events.event_ms). */
  add(accountId: string, ms: number, eventId: string, json: string): void {
    let lines = this.trails.get(accountId);
    if (!lines) {
      lines = new TrailLines(accountId);
      this.trails.set(accountId, lines);
    }
    const row = lines.append(json, ms, eventId);
    if (row) this.full.push(row);
  }

  /** The rows of everything added since the last take. */
  take(): BatchRow[] {
    const rows = this.full;
    this.full = [];
    for (const [accountId, lines] of this.trails) {
      if (lines.empty) this.trails.delete(accountId);
      else rows.push(lines.take());
    }
    return rows;
  }
}

/** Events' JSON as a stored batch holds them (to rewrite one; new batches are packed as they come). */
export function batchBytes(lines: readonly string[]): Buffer {
  return deflateRawSync(Buffer.from(lines.map((json) => `${json}\n`).join('')), DEFLATE);
}

const utf8 = new TextDecoder();

/** The JSON lines of a stored batch. */
export function batchLines(events: Uint8Array): string[] {
  const text = utf8.decode(inflateRawSync(events));
  const lines = text.split('\n');
  // Every line ends with a newline, so the last piece is empty.
  lines.pop();
  return lines;
}
