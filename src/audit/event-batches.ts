import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { constants, deflateRaw, deflateRawSync, inflateRawSync, type ZlibOptions } from 'node:zlib';

/**
 * A trail's share of one write-behind batch, in the order of AUDIT_BATCH_COLUMNS. `events` holds the
 * events as JSON lines, UTF-8, one per line; stored, compressed with raw DEFLATE (compressBatch).
 */
export type BatchRow = [batchId: string, accountId: string, firstMs: number, lastMs: number, eventCount: number, events: Uint8Array];
export const AUDIT_BATCH_COLUMNS = ['batch_id', 'account_id', 'first_ms', 'last_ms', 'event_count', 'events'] as const;

const NEWLINE = 0x0a;
/** A trail's first buffer in a batch; it doubles as needed. */
const INITIAL_BYTES = 16 * 1024;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit. */
const MAX_BYTES_PER_CHAR = 3;

class TrailLines {
  bytes = Buffer.allocUnsafeSlow(INITIAL_BYTES);
  used = 0;
  count = 0;
  firstMs: number;
  lastMs: number;

  constructor(ms: number) {
    this.firstMs = ms;
    this.lastMs = ms;
  }

  append(json: string, ms: number): void {
    const worstCase = json.length * MAX_BYTES_PER_CHAR + 1;
    if (this.used + worstCase > this.bytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.used + worstCase));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.used += this.bytes.write(json, this.used);
    this.bytes[this.used++] = NEWLINE;
    this.count++;
    if (ms < this.firstMs) this.firstMs = ms;
    if (ms > this.lastMs) this.lastMs = ms;
  }
}

/**
 * Events waiting for the next write-behind batch, packed as they come: each trail's events as JSON
 * lines in one growing buffer. A batch then hands the writer thread one row per trail, not one per
 * event, and the event's JSON is never copied into a string again.
 */
export class EventBatcher {
  private trails = new Map<string, TrailLines>();

  /** `ms`: the second the event is dated, epoch ms (as audit_events.event_ms). */
  add(accountId: string, ms: number, json: string): void {
    let lines = this.trails.get(accountId);
    if (!lines) {
      lines = new TrailLines(ms);
      this.trails.set(accountId, lines);
    }
    lines.append(json, ms);
  }

  /** One row per trail for everything added since the last take, and a fresh start. */
  take(): BatchRow[] {
    const rows: BatchRow[] = [];
    for (const [accountId, lines] of this.trails) rows.push([randomUUID(), accountId, lines.firstMs, lines.lastMs, lines.count, lines.bytes.subarray(0, lines.used)]);
    this.trails = new Map();
    return rows;
  }
}

/**
 * The fastest level: the events of one trail repeat most of their text (about 24 to 1 for
 * GetCallerIdentity here), and writing a byte through SQLite's WAL and checkpoint costs more CPU than
 * compressing it (docs/performance.md).
 */
const DEFLATE: ZlibOptions = { level: constants.Z_BEST_SPEED };
const deflateRawAsync = promisify(deflateRaw);

/** A batch row as it is stored: its events compressed, off the event loop (zlib's thread pool). */
export async function compressBatch([batchId, accountId, firstMs, lastMs, eventCount, lines]: BatchRow): Promise<BatchRow> {
  return [batchId, accountId, firstMs, lastMs, eventCount, await deflateRawAsync(lines, DEFLATE)];
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
