import type { Store } from '../../store/store.js';
import { DEFAULT_FLUSH_INTERVAL_MS, DEFAULT_SWEEP_INTERVAL_MS, every, type NonceGuard, type NonceGuardOptions } from './guard.js';
import { nonceKey } from './nonce-key.js';
import { deleteExpiredBatchesQuery, forEachUnexpiredKey } from './nonce-batches.js';
import { NonceWindow } from './nonce-window.js';
import { PendingClaims } from './pending-claims.js';

/**
 * Single node (SQLite): the in-memory window is the authority, so a claim costs no I/O. Accepted
 * nonces are written every flushIntervalMs as one `nonce_batches` row (one write per batch instead of
 * one per request) and the window is reloaded from that table on start, so replays stay refused across a
 * restart — except for nonces accepted in the last batch interval before a hard crash (README.md).
 */
export async function createLocalGuard(store: Store, options: NonceGuardOptions): Promise<NonceGuard> {
  const { windowMs } = options;
  const clock = options.clock ?? Date.now;
  const onError = options.onError ?? (() => undefined);
  const window = new NonceWindow(windowMs);
  const pending = new PendingClaims();

  await forEachUnexpiredKey(store.db, clock(), (hi, lo, expiresAt) => window.add(hi, lo, expiresAt));

  // One write at a time: each takes whatever is queued when it starts. A failed write leaves its
  // nonces queued for the next one (and is reported by whoever awaited it).
  let writing: Promise<void> = Promise.resolve();
  const write = (): Promise<void> => {
    writing = writing.catch(() => undefined).then(async () => {
      const count = pending.length;
      if (count === 0) return;
      const { keys, expiresAt } = pending.batch(count);
      // Memory is the authority here, so nobody waits for the write: it goes behind, off the event loop.
      await store.appendBehind('nonce_batches', ['expires_at', 'keys'], [[expiresAt, keys]]);
      pending.removeFirst(count);
    });
    return writing;
  };
  const inBackground = (work: () => Promise<void>) => () => void work().catch(onError);

  const sweep = async () => {
    const now = clock();
    window.forgetExpired(now);
    await store.writeBehind([deleteExpiredBatchesQuery(store.db, now)]);
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
