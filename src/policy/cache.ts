import type { PolicySet } from './policy-set.js';

/**
 * Compiled policy sets per principal, bounded. The gateway keys it by principal; the RAM API
 * invalidates a key when an attachment, a group membership or a default policy version changes (or
 * clears it when a change touches many principals).
 *
 * Eviction is a two-generation approximation of LRU: sets used since the last rotation live in
 * `recent`; when `recent` fills up it becomes `older` and the previous `older` is dropped. A hit is a
 * single Map read, with none of the delete-and-reinsert churn of an exact LRU on every decision.
 * A set used at least once per `capacity / 2` distinct principals is never evicted.
 */
export class PolicySetCache<K> {
  private recent = new Map<K, PolicySet>();
  private older = new Map<K, PolicySet>();
  private readonly generationSize: number;

  constructor(readonly capacity = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError('capacity must be an integer of at least 2');
    this.generationSize = Math.floor(capacity / 2);
  }

  get(key: K, build: () => PolicySet): PolicySet {
    const hit = this.recent.get(key);
    if (hit !== undefined) return hit;
    const set = this.older.get(key) ?? build();
    this.older.delete(key);
    if (this.recent.size >= this.generationSize) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(key, set);
    return set;
  }

  invalidate(key: K): void {
    this.recent.delete(key);
    this.older.delete(key);
  }

  clear(): void {
    this.recent.clear();
    this.older.clear();
  }

  /** Number of sets held (at most `capacity`). */
  get size(): number {
    return this.recent.size + this.older.size;
  }
}
