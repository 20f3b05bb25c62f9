import type { CompiledQuery, Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { Dialect } from './migrations.js';

/**
 * What services depend on: a Kysely handle over one schema (the same queries run on SQLite and
 * PostgreSQL), transactions, readiness, and change notifications between nodes.
 */
export interface Store {
  readonly dialect: Dialect;
  readonly db: Kysely<Database>;
  /** Runs fn in one transaction: everything it wrote is committed together or not at all. */
  transaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /** True when the store answers and every migration is applied. */
  isReady(): Promise<boolean>;
  /**
   * Writes that no response waits for (read audit events, nonce batches, AccessKey last-used times),
   * in one transaction. On SQLite they run on a background thread with its own connection
   * (synchronous=NORMAL: survives a process crash, not a power cut), so they never block requests;
   * on PostgreSQL they are ordinary pooled writes.
   */
  writeBehind(queries: readonly CompiledQuery[]): Promise<void>;
  /**
   * Inserts rows written behind, with writeBehind's guarantees: one transaction, off the request
   * path. Each row lists its values in `columns` order. For the big streams (read audit events, nonce
   * batches): on SQLite each row runs one prepared statement, with no query to build or parse per batch.
   */
  appendBehind<T extends keyof Database & string>(table: T, columns: readonly (keyof Database[T] & string)[], rows: readonly unknown[][]): Promise<void>;
  /** Tells every node sharing this store (this one included) about a change, e.g. a policy attachment. */
  publish(channel: string, payload: string): Promise<void>;
  subscribe(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * Delivered to subscribers after the change feed lost its connection and came back: changes may
 * have been missed, so caches must be dropped whole.
 */
export const RECONNECTED = '*';

export type { Database, Dialect };
