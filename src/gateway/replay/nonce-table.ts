import { sql, type CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';

/** The `used_nonces` queries of the shared guard (several nodes on one PostgreSQL; SQLite keeps nonce_batches). */
export interface NonceRow {
  nonce_key: string;
  expires_at: number;
}

// 2 parameters a row; well under SQLite's 32766 and PostgreSQL's 65535 bound parameters.
const ROWS_PER_STATEMENT = 1000;

/**
 * Claims the keys in the table and returns those that were won: a key is won when it is absent or
 * its row has expired (then its expiry moves forward), and lost when an unexpired row holds it, even
 * one inserted a moment ago by another node — the primary key settles every race. The row's own
 * expiry minus the window is its claim instant, so each row is judged at its own time.
 * Rows go in key order so two nodes inserting overlapping batches lock keys in the same order and
 * cannot deadlock.
 */
export async function claimRows(db: Kysely<Database>, rows: NonceRow[], windowMs: number): Promise<Set<string>> {
  const won = new Set<string>();
  for (const chunk of sortedChunks(rows)) {
    const result = await claimStatement(db, chunk, windowMs).returning('nonce_key').execute();
    for (const row of result) won.add(row.nonce_key);
  }
  return won;
}

function sortedChunks(rows: NonceRow[]): NonceRow[][] {
  const sorted = [...rows].sort((a, b) => (a.nonce_key < b.nonce_key ? -1 : a.nonce_key > b.nonce_key ? 1 : 0));
  const chunks: NonceRow[][] = [];
  for (let i = 0; i < sorted.length; i += ROWS_PER_STATEMENT) chunks.push(sorted.slice(i, i + ROWS_PER_STATEMENT));
  return chunks;
}

function claimStatement(db: Kysely<Database>, rows: NonceRow[], windowMs: number) {
  return db
    .insertInto('used_nonces')
    .values(rows)
    .onConflict((oc) =>
      oc
        .column('nonce_key')
        .doUpdateSet({ expires_at: (eb) => eb.ref('excluded.expires_at') })
        .where('used_nonces.expires_at', '<=', sql<number>`excluded.expires_at - ${windowMs}`),
    );
}

export function deleteExpiredQuery(db: Kysely<Database>, nowMs: number): CompiledQuery {
  return db.deleteFrom('used_nonces').where('expires_at', '<=', nowMs).compile();
}

export async function deleteExpired(db: Kysely<Database>, nowMs: number): Promise<void> {
  await db.executeQuery(deleteExpiredQuery(db, nowMs));
}
