import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';

/**
 * The `nonce_batches` table of the single-node guard: each write of accepted nonces is one row holding
 * their 64-bit keys packed 8 bytes apiece (hi then lo, big-endian), with the batch's latest expiry —
 * so a nonce is remembered at most one batch interval longer than its own window.
 */
const KEY_BYTES = 8;

export function packKeys(hi: Uint32Array, lo: Uint32Array, count: number): Buffer {
  const keys = Buffer.allocUnsafe(count * KEY_BYTES);
  for (let i = 0; i < count; i++) {
    keys.writeUInt32BE(hi[i]!, i * KEY_BYTES);
    keys.writeUInt32BE(lo[i]!, i * KEY_BYTES + 4);
  }
  return keys;
}

/** Visits every key of every unexpired batch, a page of batches at a time. */
export async function forEachUnexpiredKey(db: Kysely<Database>, nowMs: number, visit: (hi: number, lo: number, expiresAt: number) => void, pageSize = 100): Promise<void> {
  for (let offset = 0; ; offset += pageSize) {
    const page = await db.selectFrom('nonce_batches').select(['expires_at', 'keys']).where('expires_at', '>', nowMs).orderBy('expires_at').orderBy('keys').offset(offset).limit(pageSize).execute();
    for (const { expires_at: expiresAt, keys } of page) {
      const bytes = Buffer.from(keys.buffer, keys.byteOffset, keys.byteLength);
      for (let at = 0; at + KEY_BYTES <= bytes.length; at += KEY_BYTES) visit(bytes.readUInt32BE(at), bytes.readUInt32BE(at + 4), Number(expiresAt));
    }
    if (page.length < pageSize) return;
  }
}

export function deleteExpiredBatchesQuery(db: Kysely<Database>, nowMs: number) {
  return db.deleteFrom('nonce_batches').where('expires_at', '<=', nowMs).compile();
}
