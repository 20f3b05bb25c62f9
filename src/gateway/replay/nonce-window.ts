import { randomBytes } from 'node:crypto';
import { HashSet64, type SlotSeed } from './hash-set64.js';

/**
 * The nonces remembered in this process, bucketed by when they expire: a key lives in the bucket
 * covering its expiry instant, and a bucket is dropped whole once its last instant has passed, so
 * forgetting costs nothing per nonce. A nonce is therefore remembered at least until its expiry and
 * at most one bucket width (≤ 1 minute) longer — erring towards refusing, never towards accepting.
 */
const MAX_BUCKET_MS = 60_000;
// Short windows (tests, tight deployments) get finer buckets so they do not linger for a minute.
const BUCKETS_PER_WINDOW = 15;

export class NonceWindow {
  /** Bucket number (expiry instant / bucketMs, rounded up) → the keys expiring within it. */
  private readonly buckets = new Map<number, HashSet64>();
  private readonly bucketMs: number;
  private readonly seed: SlotSeed;
  /** Earliest instant at which some bucket expires; lets claims skip the expiry scan. */
  private nextDrop = Infinity;

  constructor(readonly windowMs: number) {
    if (!(windowMs > 0)) throw new Error('windowMs must be positive');
    this.bucketMs = Math.min(MAX_BUCKET_MS, Math.max(1, Math.ceil(windowMs / BUCKETS_PER_WINDOW)));
    const seed = randomBytes(8);
    this.seed = { a: seed.readUInt32LE(0), b: seed.readUInt32LE(4) };
  }

  /** True when the key is remembered at nowMs. */
  has(hi: number, lo: number, nowMs: number): boolean {
    this.forgetExpired(nowMs);
    for (const set of this.buckets.values()) if (set.has(hi, lo)) return true;
    return false;
  }

  /** Remembers the key until at least expiresAtMs (it must not be remembered already). */
  add(hi: number, lo: number, expiresAtMs: number): void {
    const bucket = Math.ceil(expiresAtMs / this.bucketMs);
    let set = this.buckets.get(bucket);
    if (!set) {
      set = new HashSet64(this.seed);
      this.buckets.set(bucket, set);
      this.nextDrop = Math.min(this.nextDrop, bucket * this.bucketMs);
    }
    set.add(hi, lo);
  }

  /** The claim itself: false when remembered (a replay), else remembers it for windowMs. */
  claim(hi: number, lo: number, nowMs: number): boolean {
    if (this.has(hi, lo, nowMs)) return false;
    this.add(hi, lo, nowMs + this.windowMs);
    return true;
  }

  get size(): number {
    let n = 0;
    for (const set of this.buckets.values()) n += set.size;
    return n;
  }

  get allocatedBytes(): number {
    let n = 0;
    for (const set of this.buckets.values()) n += set.allocatedBytes;
    return n;
  }

  /** Drops every bucket whose last instant is before nowMs (claims do this too, lazily). */
  forgetExpired(nowMs: number): void {
    if (nowMs < this.nextDrop) return;
    this.nextDrop = Infinity;
    for (const bucket of this.buckets.keys()) {
      const end = bucket * this.bucketMs;
      if (end <= nowMs) this.buckets.delete(bucket);
      else this.nextDrop = Math.min(this.nextDrop, end);
    }
  }
}
