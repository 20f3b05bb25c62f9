import { sql, type CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';

/** The `used_nonces` queries, one set for both dialects. */
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

/** The same claims as statements to run later (Store.writeBehind), when nobody waits for who won. */
export function claimQueries(db: Kysely<Database>, rows: NonceRow[], windowMs: number): CompiledQuery[] {
  return sortedChunks(rows).map((chunk) => claimStatement(db, chunk, windowMs).compile());
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

/** Visits every unexpired row, a page at a time (keyset pagination keeps each query cheap). */
export async function forEachUnexpired(db: Kysely<Database>, nowMs: number, visit: (row: NonceRow) => void, pageSize = 10_000): Promise<void> {
  let after = '';
  for (;;) {
    const page = await db
      .selectFrom('used_nonces')
      .select(['nonce_key', 'expires_at'])
      .where('expires_at', '>', nowMs)
      .where('nonce_key', '>', after)
      .orderBy('nonce_key')
      .limit(pageSize)
      .execute();
    for (const row of page) visit(row);
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = last.nonce_key;
  }
}

export function deleteExpiredQuery(db: Kysely<Database>, nowMs: number): CompiledQuery {
  return db.deleteFrom('used_nonces').where('expires_at', '<=', nowMs).compile();
}

export async function deleteExpired(db: Kysely<Database>, nowMs: number): Promise<void> {
  await db.executeQuery(deleteExpiredQuery(db, nowMs));
}
