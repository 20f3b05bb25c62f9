import type { Store } from '../../store/store.js';
import { DEFAULT_FLUSH_INTERVAL_MS, DEFAULT_SWEEP_INTERVAL_MS, every, type NonceGuard, type NonceGuardOptions } from './guard.js';
import { nonceKey, parseKeyText } from './nonce-key.js';
import { claimQueries, deleteExpiredQuery, forEachUnexpired } from './nonce-table.js';
import { NonceWindow } from './nonce-window.js';
import { PendingClaims } from './pending-claims.js';

/**
 * Single node (SQLite): the in-memory window is the authority, so a claim costs no I/O. Accepted
 * nonces are written in one transaction every flushIntervalMs (one fsync per batch instead of one
 * per request) and the window is reloaded from the table on start, so replays stay refused across a
 * restart — except for nonces accepted in the last batch interval before a hard crash (README.md).
 */
export async function createLocalGuard(store: Store, options: NonceGuardOptions): Promise<NonceGuard> {
  const { windowMs } = options;
  const clock = options.clock ?? Date.now;
  const onError = options.onError ?? (() => undefined);
  const window = new NonceWindow(windowMs);
  const pending = new PendingClaims();

  await forEachUnexpired(store.db, clock(), (row) => {
    const key = parseKeyText(row.nonce_key);
    window.add(key.hi, key.lo, row.expires_at);
  });

  // One write at a time: each takes whatever is queued when it starts. A failed write leaves its
  // nonces queued for the next one (and is reported by whoever awaited it).
  let writing: Promise<void> = Promise.resolve();
  const write = (): Promise<void> => {
    writing = writing.catch(() => undefined).then(async () => {
      const count = pending.length;
      if (count === 0) return;
      const rows = pending.rows(count);
      // Memory is the authority here, so nobody waits for the write: it goes behind, off the event loop.
      await store.writeBehind(claimQueries(store.db, rows, windowMs));
      pending.removeFirst(count);
    });
    return writing;
  };
  const inBackground = (work: () => Promise<void>) => () => void work().catch(onError);

  const sweep = async () => {
    const now = clock();
    window.forgetExpired(now);
    await store.writeBehind([deleteExpiredQuery(store.db, now)]);
  };
  await sweep();
  const stopFlushing = every(options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS, inBackground(write));
  const stopSweeping = every(options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS, inBackground(sweep));

  return {
    async claim(accessKeyId, nonce, nowMs) {
      const { hi, lo } = nonceKey(accessKeyId, nonce);
      if (!window.claim(hi, lo, nowMs)) return false;
      pending.push(hi, lo, nowMs + windowMs);
      return true;
    },
    flush: write,
    async close() {
      stopFlushing();
      stopSweeping();
      await write();
    },
  };
}
