import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
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
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPostgresStore(options: PostgresOptions): Promise<Store> {
  const schema = options.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const connectionOptions = schema ? { options: `-c search_path=${schema}` } : {};
  if (schema) {
    const admin = new pg.Client({ connectionString: options.url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, ...connectionOptions });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await applyMigrations(db, 'postgres', schema);

  // LISTEN needs a connection of its own that stays open; it is made on the first subscribe.
  let listener: pg.Client | undefined;
  const handlers = new Map<string, Set<(payload: string) => void>>();
  const channelName = (channel: string) => `ramstack_${schema ?? 'public'}_${channel}`.slice(0, 63);

  return {
    dialect: 'postgres',
    db,
    transaction: (fn) => db.transaction().execute(fn),
    isReady: () => migrationsApplied(db, 'postgres', schema),
    async publish(channel, payload) {
      await sql`select pg_notify(${channelName(channel)}, ${payload})`.execute(db);
    },
    async subscribe(channel, handler) {
      if (!listener) {
        listener = new pg.Client({ connectionString: options.url, ...connectionOptions });
        await listener.connect();
        listener.on('notification', (message) => {
          for (const h of handlers.get(message.channel) ?? []) h(message.payload ?? '');
        });
      }
      const name = channelName(channel);
      let set = handlers.get(name);
      if (!set) {
        set = new Set();
        handlers.set(name, set);
        await listener.query(`listen "${name}"`);
      }
      set.add(handler);
      return async () => void set.delete(handler);
    },
    async close() {
      await listener?.end();
      await db.destroy();
    },
  };
}
