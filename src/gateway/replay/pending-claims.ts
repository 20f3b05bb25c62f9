import { packKeys } from './nonce-batches.js';

/**
 * Accepted nonces waiting for the next batched write, FIFO, in typed arrays (16 bytes each) so a
 * store that stays unwritable for a while grows this queue slowly instead of by a string per nonce.
 */
const INITIAL_CAPACITY = 1024;

export class PendingClaims {
  private hi = new Uint32Array(INITIAL_CAPACITY);
  private lo = new Uint32Array(INITIAL_CAPACITY);
  private expires = new Float64Array(INITIAL_CAPACITY);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(hi: number, lo: number, expiresAtMs: number): void {
    if (this.count === this.hi.length) this.resize(this.count * 2);
    this.hi[this.count] = hi;
    this.lo[this.count] = lo;
    this.expires[this.count] = expiresAtMs;
    this.count++;
  }

  /** The first n entries as one `nonce_batches` row: their packed keys and the latest expiry among them. */
  batch(n: number): { keys: Buffer; expiresAt: number } {
    let expiresAt = 0;
    for (let i = 0; i < n; i++) expiresAt = Math.max(expiresAt, this.expires[i]!);
    return { keys: packKeys(this.hi, this.lo, n), expiresAt };
  }

  /** Forgets the first n entries (once written); later pushes move to the front. */
  removeFirst(n: number): void {
    this.hi.copyWithin(0, n, this.count);
    this.lo.copyWithin(0, n, this.count);
    this.expires.copyWithin(0, n, this.count);
    this.count -= n;
    // Give back what a burst (or a spell of failed writes) made the queue grow to.
    if (this.count === 0 && this.hi.length > INITIAL_CAPACITY) this.resize(INITIAL_CAPACITY);
  }

  private resize(capacity: number): void {
    const hi = new Uint32Array(capacity);
    const lo = new Uint32Array(capacity);
    const expires = new Float64Array(capacity);
    hi.set(this.hi.subarray(0, this.count));
    lo.set(this.lo.subarray(0, this.count));
    expires.set(this.expires.subarray(0, this.count));
    this.hi = hi;
    this.lo = lo;
    this.expires = expires;
  }
}
