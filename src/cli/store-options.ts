import type { Command } from 'commander';
import { loadMasterKey } from '../secrets/master-key.js';
import { Sealer } from '../secrets/sealer.js';
import { openStore, type Store } from '../store/index.js';

/** The options every command that opens the store shares, with the same env fallbacks as `serve`. */
export function withStoreOptions(command: Command): Command {
  return command
    .option('--data <dir>', 'data directory (env RAMSTACK_DATA_DIR)')
    .option('--database-url <url>', 'PostgreSQL URL instead of the embedded SQLite store (env RAMSTACK_DATABASE_URL)')
    .option('--database-schema <name>', 'PostgreSQL schema to use (env RAMSTACK_DATABASE_SCHEMA)');
}

export interface StoreFlags {
  data?: string;
  databaseUrl?: string;
  databaseSchema?: string;
}

export async function openStoreFromFlags(flags: StoreFlags): Promise<{ store: Store; sealer: Sealer; dataDir: string }> {
  const dataDir = flags.data ?? (process.env.RAMSTACK_DATA_DIR || './.ramstack');
  const databaseUrl = flags.databaseUrl ?? (process.env.RAMSTACK_DATABASE_URL || undefined);
  const schema = flags.databaseSchema ?? (process.env.RAMSTACK_DATABASE_SCHEMA || undefined);
  const sealer = new Sealer(loadMasterKey(dataDir));
  const store = await openStore({ dataDir, ...(databaseUrl ? { databaseUrl } : {}), ...(schema ? { schema } : {}) });
  return { store, sealer, dataDir };
}
