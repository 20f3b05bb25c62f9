import { Migrator, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { LATEST_MIGRATION, migrationProvider, type Dialect } from './migrations.js';

export async function applyMigrations(db: Kysely<Database>, dialect: Dialect, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect), ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

export async function migrationsApplied(db: Kysely<Database>, dialect: Dialect, schema?: string): Promise<boolean> {
  try {
    const migrator = new Migrator({ db, provider: migrationProvider(dialect), ...(schema ? { migrationTableSchema: schema } : {}) });
    const all = await migrator.getMigrations();
    return all.every((m) => m.executedAt !== undefined) && all.some((m) => m.name === LATEST_MIGRATION);
  } catch {
    return false;
  }
}
