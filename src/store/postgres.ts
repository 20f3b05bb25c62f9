import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { RECONNECTED } from './store.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';
import { applyMigrations, migrationsApplied } from './migrate.js';

// int8 columns hold epoch milliseconds and counters, all far below 2^53: read them as numbers.
pg.types.setTypeParser(20, (value) => Number(value));

export interface PostgresOptions {
  url: string;
  /** A schema to keep all tables in (tests give each run its own); created when missing. */
  schema?: string;
  poolSize?: number;
  /** Connection errors that were recovered from (logged by the server). */
  onError?: (err: unknown) => void;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Schema changes (creating a schema, migrating, dropping one) take one database-wide advisory lock:
 * migrating introspects the catalog, which fails if another process drops a schema meanwhile, and
 * nodes starting together must not migrate the same schema twice.
 */
export const SCHEMA_LOCK_KEY = 7_236_974_265;

export async function withSchemaLock<T>(url: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock($1)', [SCHEMA_LOCK_KEY]);
    return await work(admin);
  } finally {
    await admin.end();
  }
}

export async function openPostgresStore(options: PostgresOptions): Promise<Store> {
  const schema = options.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const connectionOptions = schema ? { options: `-c search_path=${schema}` } : {};
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, ...connectionOptions });
  // An idle connection dropped by the server (restart, failover, proxy timeout) must not kill the
  // process: the pool discards it and opens a new one on the next query.
  pool.on('error', (err) => options.onError?.(err));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await withSchemaLock(options.url, async (admin) => {
    if (schema) await admin.query(`create schema if not exists ${schema}`);
    await applyMigrations(db, 'postgres', schema);
  });

  // LISTEN needs a connection of its own that stays open; it is made on the first subscribe and
  // remade after a connection loss, re-listening to every channel. Notifications sent while it was
  // down are lost, so every handler is then called with RECONNECTED: caches must be dropped.
  const handlers = new Map<string, Set<(payload: string) => void>>();
  const listening = new Map<string, Promise<unknown>>();
  let listener: Promise<pg.Client> | undefined;
  let closed = false;
  let closing: Promise<void> | undefined;
  const inflight = new Set<Promise<void>>();
  const channelName = (channel: string) => {
    const name = `ramstack_${schema ?? 'public'}_${channel}`;
    return name.length <= 63 ? name : `ramstack_${createHash('sha256').update(name).digest('hex').slice(0, 40)}`;
  };
  const deliver = (channel: string, payload: string) => {
    for (const handler of handlers.get(channel) ?? []) {
      try {
        handler(payload);
      } catch (err) {
        options.onError?.(err);
      }
    }
  };
  const connectListener = (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: options.url, ...connectionOptions });
    client.on('notification', (message) => deliver(message.channel, message.payload ?? ''));
    client.on('error', (err) => {
      options.onError?.(err);
      listener = undefined;
      listening.clear();
      void client.end().catch(() => undefined);
      if (!closed) setTimeout(() => void relisten(), 500).unref();
    });
    return client.connect().then(() => client);
  };
  const listenOn = (name: string): Promise<unknown> => {
    let done = listening.get(name);
    if (!done) {
      listener ??= connectListener();
      done = listener.then((client) => client.query(`listen "${name}"`));
      listening.set(name, done);
      done.catch(() => listening.delete(name));
    }
    return done;
  };
  const relisten = async () => {
    try {
      await Promise.all([...handlers.keys()].map(listenOn));
      for (const name of handlers.keys()) deliver(name, RECONNECTED);
    } catch (err) {
      options.onError?.(err);
      if (!closed) setTimeout(() => void relisten(), 1000).unref();
    }
  };

  const writeBehind = (queries: readonly CompiledQuery[]): Promise<void> => {
    if (queries.length === 0) return Promise.resolve();
    const write = db.transaction().execute(async (trx) => {
      for (const q of queries) await trx.executeQuery(q);
    });
    inflight.add(write);
    const settle = () => void inflight.delete(write);
    write.then(settle, settle);
    return write;
  };

  return {
    dialect: 'postgres',
    db,
    transaction: (fn) => db.transaction().execute(fn),
    isReady: () => migrationsApplied(db, 'postgres', schema),
    writeBehind,
    appendBehind(table, columns, rows) {
      // Multi-row inserts, as many rows to a statement as PostgreSQL's 65,535 bound parameters allow.
      const perStatement = Math.floor(65_535 / columns.length);
      const queries: CompiledQuery[] = [];
      for (let i = 0; i < rows.length; i += perStatement) {
        const values = rows.slice(i, i + perStatement).map((row) => Object.fromEntries(columns.map((column, c) => [column, row[c]])));
        queries.push(db.insertInto(table).values(values as never).compile());
      }
      return writeBehind(queries);
    },
    async publish(channel, payload) {
      const name = channelName(channel);
      await sql`select pg_notify(${name}, ${payload})`.execute(db);
      // This node acts on its own change at once (its LISTEN echo arrives later): the very next
      // request it serves must see the change. Handlers are idempotent, so the echo does no harm.
      deliver(name, payload);
    },
    async subscribe(channel, handler) {
      const name = channelName(channel);
      let set = handlers.get(name);
      if (!set) {
        set = new Set();
        handlers.set(name, set);
      }
      set.add(handler);
      await listenOn(name);
      return async () => void set.delete(handler);
    },
    close() {
      // Writes sent before close are kept: wait for them, then release the connections. Closing twice is closing once.
      closing ??= (async () => {
        closed = true;
        await Promise.allSettled([...inflight]);
        if (listener) await (await listener.catch(() => undefined))?.end();
        await db.destroy();
      })();
      return closing;
    },
  };
}
