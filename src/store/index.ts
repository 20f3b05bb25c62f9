import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export interface StoreConfig {
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL schema (tests isolate runs with it). */
  schema?: string;
  /** Connection errors the store recovered from. */
  onError?: (err: unknown) => void;
}

/** PostgreSQL when a database URL is given, else the embedded SQLite file in the data directory. */
export function openStore(config: StoreConfig): Promise<Store> {
  return config.databaseUrl
    ? openPostgresStore({ url: config.databaseUrl, ...(config.schema ? { schema: config.schema } : {}), ...(config.onError ? { onError: config.onError } : {}) })
    : openSqliteStore(config.dataDir);
}

export type { Store } from './store.js';
export type * from './schema.js';
