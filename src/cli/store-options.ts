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

/** An operator's mistake in a command's input: one `error:` line and exit code 2, not a stack trace. */
export function reportInputError(message: string): void {
  process.stderr.write(`error: ${message}\n`);
  process.exitCode = 2;
}

/**
 * Opens the store the flags name, runs `work` on it and closes it however `work` ends. An error of
 * the `inputError` class (the service's "bad input" error) is reported as such; any other propagates.
 */
export async function usingStore(
  flags: StoreFlags,
  work: (opened: { store: Store; sealer: Sealer; dataDir: string }) => Promise<void>,
  inputError?: abstract new (...args: never[]) => Error,
): Promise<void> {
  const opened = await openStoreFromFlags(flags);
  try {
    await work(opened);
  } catch (err) {
    if (inputError !== undefined && err instanceof inputError) {
      reportInputError(err.message);
      return;
    }
    throw err;
  } finally {
    await opened.store.close();
  }
}
