import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, type Driver } from 'kysely';
import type { Database } from './schema.js';
import type { Store } from './store.js';
import { applyMigrations, migrationsApplied } from './migrate.js';
import { SqliteWriteBehind } from './write-behind.js';

/**
 * Transactions take the write lock when they begin (BEGIN IMMEDIATE). A deferred transaction that
 * reads and then writes fails at once with SQLITE_BUSY when the background writer (write-behind.ts)
 * committed in between — no busy timeout applies to that upgrade; an immediate one just waits its turn.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/** Bytes per page of a new database file. */
export const SQLITE_PAGE_SIZE = 16_384;

/**
 * The embedded store: one SQLite file in WAL mode with synchronous=FULL, so every acknowledged write
 * survives a power cut. busy_timeout lets a CLI write beside a running server.
 */
export async function openSqliteStore(dataDir: string): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'ramstack.db');
  const connection = new BetterSqlite3(file);
  // Takes effect only when the file is new (an existing store keeps its page size). Larger pages
  // mean fewer WAL frames and checkpoint writes per audit row: 4.1 µs of CPU per row instead of 5.5
  // (docs/performance.md), while a small change's synchronous=FULL commit costs about the same.
  connection.pragma(`page_size = ${SQLITE_PAGE_SIZE}`);
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = FULL');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: connection }) });
  await applyMigrations(db, 'sqlite');

  const writer = new SqliteWriteBehind(file);

  // One process owns the file's change feed; other processes (the CLI) change nothing that is cached.
  let closing: Promise<void> | undefined;
  const events = new EventEmitter();
  events.setMaxListeners(0);
  return {
    dialect: 'sqlite',
    db,
    transaction: (fn) => db.transaction().execute(fn),
    isReady: () => migrationsApplied(db, 'sqlite'),
    writeBehind: (queries) => writer.write(queries),
    appendBehind: (table, columns, rows) => writer.append(table, columns, rows),
    async publish(channel, payload) {
      events.emit(channel, payload);
    },
    async subscribe(channel, listener) {
      events.on(channel, listener);
      return async () => void events.off(channel, listener);
    },
    close() {
      closing ??= (async () => {
        await writer.close();
        await db.destroy();
      })();
      return closing;
    },
  };
}
