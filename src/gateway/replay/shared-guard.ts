import type { Store } from '../../store/store.js';
import { DEFAULT_SWEEP_INTERVAL_MS, every, type NonceGuard, type NonceGuardOptions } from './guard.js';
import { keyText, nonceKey } from './nonce-key.js';
import { claimRows, deleteExpired, type NonceRow } from './nonce-table.js';
import { NonceWindow } from './nonce-window.js';

/** Batches in flight at once; while they are, new claims gather into the next (larger) batch. */
const MAX_BATCHES_IN_FLIGHT = 4;

interface WaitingClaim {
  row: NonceRow;
  settle(won: boolean): void;
  fail(err: unknown): void;
}

/**
 * Several nodes (PostgreSQL): the shared UNLOGGED `used_nonces` table is the authority and its
 * primary key decides every race between nodes. The local window answers replays this node has
 * already seen without a round trip (including a second copy of a request still being claimed),
 * and claims new to it are sent together: everything that arrives within one event-loop turn, or
 * while earlier batches are in flight, goes in one multi-row insert, so the round trips per second
 * stay flat as the request rate grows.
 */
export async function createSharedGuard(store: Store, options: NonceGuardOptions): Promise<NonceGuard> {
  const { windowMs } = options;
  const clock = options.clock ?? Date.now;
  const onError = options.onError ?? (() => undefined);
  const window = new NonceWindow(windowMs);

  let waiting: WaitingClaim[] = [];
  let scheduled = false;
  const inFlight = new Set<Promise<void>>();

  const send = () => {
    scheduled = false;
    if (waiting.length === 0 || inFlight.size >= MAX_BATCHES_IN_FLIGHT) return;
    const batch = waiting;
    waiting = [];
    const done: Promise<void> = claimRows(
      store.db,
      batch.map((c) => c.row),
      windowMs,
    )
      .then(
        (won) => batch.forEach((c) => c.settle(won.has(c.row.nonce_key))),
        (err: unknown) => batch.forEach((c) => c.fail(err)),
      )
      .finally(() => {
        inFlight.delete(done);
        schedule();
      });
    inFlight.add(done);
  };
  function schedule() {
    if (scheduled || waiting.length === 0) return;
    scheduled = true;
    setImmediate(send);
  }

  const sweep = async () => {
    const now = clock();
    window.forgetExpired(now);
    await deleteExpired(store.db, now);
  };
  const stopSweeping = every(options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS, () => void sweep().catch(onError));

  const flush = async () => {
    while (waiting.length > 0 || inFlight.size > 0) {
      send();
      await Promise.all(inFlight);
    }
  };

  return {
    claim(accessKeyId, nonce, nowMs) {
      const { hi, lo } = nonceKey(accessKeyId, nonce);
      // Remembered before the round trip, so a concurrent copy on this node is refused at once. If
      // the insert fails the claim fails too and the nonce stays remembered: refusing a retry that
      // reuses it is the safe side.
      if (!window.claim(hi, lo, nowMs)) return Promise.resolve(false);
      return new Promise<boolean>((settle, fail) => {
        waiting.push({ row: { nonce_key: keyText(hi, lo), expires_at: nowMs + windowMs }, settle, fail });
        schedule();
      });
    },
    flush,
    async close() {
      stopSweeping();
      await flush();
    },
  };
}
