/** Remembers (AccessKeyId, SignatureNonce) pairs so a signed request cannot be replayed. */
export interface NonceGuard {
  /** true when this (accessKeyId, nonce) has not been seen within the window and is now remembered; false = replay. */
  claim(accessKeyId: string, nonce: string, nowMs: number): Promise<boolean>;
  /** persist anything pending (called on graceful shutdown) */
  flush(): Promise<void>;
  /** Flushes and stops the background timers; the store stays open (its owner closes it). */
  close(): Promise<void>;
}

export interface NonceGuardOptions {
  /** How long a nonce is remembered, e.g. 2 × the allowed clock skew. */
  windowMs: number;
  /** SQLite: how often accepted nonces are written, all in one transaction. Default 50 ms. */
  flushIntervalMs?: number;
  /** How often expired nonces are deleted from memory and from the table. Default 60 s. */
  sweepIntervalMs?: number;
  /** The clock for loading the window at start and for sweeping (claims bring their own nowMs). */
  clock?: () => number;
  /** Failures of background work (batch writes, sweeps), which is retried on its next turn. */
  onError?: (err: unknown) => void;
}

export const DEFAULT_FLUSH_INTERVAL_MS = 50;
export const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

/** Runs fn every ms without keeping the process alive; returns the stopper. */
export function every(ms: number, fn: () => void): () => void {
  const timer = setInterval(fn, ms);
  timer.unref();
  return () => clearInterval(timer);
}
