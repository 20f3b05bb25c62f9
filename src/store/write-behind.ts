import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { SQLITE_WRITER_SOURCE } from './sqlite-writer.js';
import type { CompiledQuery } from 'kysely';

/**
 * Runs SQLite write-behind batches on a worker thread (sqlite-writer.ts) and resolves each batch's
 * promise when it is committed.
 */
export class SqliteWriteBehind {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  private nextId = 1;
  private closing: Promise<void> | undefined;

  constructor(file: string) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(SQLITE_WRITER_SOURCE, { eval: true, workerData: { file, driver } });
    this.worker.unref();
    this.worker.on('message', (message: { id: number; error?: string } | 'closed') => {
      if (message === 'closed') return;
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error === undefined) waiter?.resolve();
      else waiter?.reject(new Error(message.error));
    });
    this.worker.on('error', (err) => {
      for (const waiter of this.pending.values()) waiter.reject(err);
      this.pending.clear();
    });
  }

  write(queries: readonly CompiledQuery[]): Promise<void> {
    if (queries.length === 0) return Promise.resolve();
    return this.send({ queries: queries.map((q) => ({ sql: q.sql, parameters: [...q.parameters] })) });
  }

  /** Rows for one insert statement, which the worker prepares once and runs per row. */
  append(table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return this.send({ append: { table, columns, rows } });
  }

  private send(batch: object): Promise<void> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...batch });
    });
  }

  /**
   * The worker handles messages in order: once it answers 'closed', every earlier batch is committed.
   * Closing twice is closing once.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const closed = new Promise<void>((resolve) => {
        this.worker.on('message', (m) => m === 'closed' && resolve());
        this.worker.once('exit', () => resolve());
      });
      this.worker.postMessage('close');
      await closed;
      await this.worker.terminate();
    })();
    return this.closing;
  }
}
