import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterEach, inject } from 'vitest';
import { migrationProvider } from '../../src/store/migrations.js';
import type { Database } from '../../src/store/schema.js';
import { openPostgresStore, withSchemaLock } from '../../src/store/postgres.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';

/** A store of each kind for contract tests; each PostgreSQL store lives in a schema of its own. */
export interface StoreKind {
  name: 'sqlite' | 'postgres';
  available: boolean;
  open(): Promise<TestStore>;
}

export interface TestStore {
  store: Store;
  /** Connection settings a server process needs to open the same store. */
  dataDir: string;
  databaseUrl?: string;
  schema?: string;
  cleanup(): Promise<void>;
}

/** Opens stores of one kind for the tests of the suite it is called in; each is cleaned up after its test. */
export function openedPerTest(kind: StoreKind): () => Promise<TestStore> {
  const opened: TestStore[] = [];
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.cleanup();
  });
  return async () => {
    const s = await kind.open();
    opened.push(s);
    return s;
  };
}

export function tempDir(prefix = 'ramstack-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function newSchemaName(): string {
  return `t_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  await withSchemaLock(url, (admin) => admin.query(`drop schema if exists ${schema} cascade`));
}

export function pgUrl(): string {
  return inject('pgUrl');
}

export const storeKinds: StoreKind[] = [
  {
    name: 'sqlite',
    available: true,
    async open() {
      const dataDir = tempDir();
      const store = await openSqliteStore(dataDir);
      return { store, dataDir, cleanup: async () => { await store.close(); rmSync(dataDir, { recursive: true, force: true }); } };
    },
  },
  {
    name: 'postgres',
    get available() {
      return pgUrl() !== '';
    },
    async open() {
      const url = pgUrl();
      const schema = newSchemaName();
      const dataDir = tempDir();
      const store = await openPostgresStore({ url, schema });
      return {
        store,
        dataDir,
        databaseUrl: url,
        schema,
        cleanup: async () => {
          await store.close();
          await dropSchema(url, schema);
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
];

/**
 * The SQLite file of a data directory as an earlier version left it: migrations applied up to and
 * including `name` only. Write what that version would have written, destroy the handle, then open
 * the directory with openSqliteStore to run the upgrade.
 */
export async function sqliteAtMigration(dataDir: string, name: string): Promise<Kysely<Database>> {
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(join(dataDir, 'ramstack.db')) }) });
  const { error } = await new Migrator({ db, provider: migrationProvider('sqlite') }).migrateTo(name);
  if (error) throw error;
  return db;
}

/** The PostgreSQL schema `schema` as an earlier version left it: migrations applied up to and including `name`. */
export async function postgresAtMigration(url: string, schema: string, name: string): Promise<Kysely<Database>> {
  await withSchemaLock(url, (admin) => admin.query(`create schema if not exists ${schema}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` }) }) });
  const { error } = await new Migrator({ db, provider: migrationProvider('postgres') }).migrateTo(name);
  if (error) throw error;
  return db;
}
