/**
 * An open-addressing set of 64-bit keys held as two 32-bit words in one Uint32Array: 8 bytes per
 * slot and no JS object or string per member, so millions of members cost only typed-array memory.
 * Linear probing; the table doubles when three quarters full, so it holds between 10.7 and 21.3
 * bytes per member once it has grown past its initial size. Members are never removed one by one:
 * the nonce window drops whole sets (buckets) when they expire, which keeps probing tombstone-free.
 *
 * The all-zero key marks an empty slot, so callers must not add (0, 0) (see nonce-key.ts).
 * A key's home slot mixes it with a per-process random seed: the keys are public hashes an attacker
 * can grind offline, and without the seed they cannot aim many keys at one probe cluster.
 */
const INITIAL_SLOTS = 64;
const MAX_LOAD = 0.75;

export interface SlotSeed {
  readonly a: number;
  readonly b: number;
}

/** A 32-bit mix (murmur3 finaliser) of the seeded key: cheap and well spread. */
function homeSlot(hi: number, lo: number, seed: SlotSeed): number {
  let h = Math.imul(lo ^ seed.a, 0x9e3779b1) ^ Math.imul(hi ^ seed.b, 0x85ebca77);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class HashSet64 {
  private words: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(
    private readonly seed: SlotSeed,
    initialSlots = INITIAL_SLOTS,
  ) {
    const slots = 2 ** Math.ceil(Math.log2(Math.max(2, initialSlots)));
    this.words = new Uint32Array(slots * 2);
    this.mask = slots - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes of typed-array memory this set holds. */
  get allocatedBytes(): number {
    return this.words.byteLength;
  }

  /** hi and lo are the key's two unsigned 32-bit halves. */
  has(hi: number, lo: number): boolean {
    const words = this.words;
    for (let i = homeSlot(hi, lo, this.seed) & this.mask; ; i = (i + 1) & this.mask) {
      const h = words[2 * i]!;
      const l = words[2 * i + 1]!;
      if (h === hi && l === lo) return true;
      if (h === 0 && l === 0) return false;
    }
  }

  /** Adds the key; false when it was already present. */
  add(hi: number, lo: number): boolean {
    if (this.count + 1 > (this.mask + 1) * MAX_LOAD) this.grow();
    const words = this.words;
    for (let i = homeSlot(hi, lo, this.seed) & this.mask; ; i = (i + 1) & this.mask) {
      const h = words[2 * i]!;
      const l = words[2 * i + 1]!;
      if (h === hi && l === lo) return false;
      if (h === 0 && l === 0) {
        words[2 * i] = hi;
        words[2 * i + 1] = lo;
        this.count++;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.words;
    const slots = (this.mask + 1) * 2;
    this.words = new Uint32Array(slots * 2);
    this.mask = slots - 1;
    this.count = 0;
    for (let i = 0; i < old.length; i += 2) {
      const hi = old[i]!;
      const lo = old[i + 1]!;
      if (hi !== 0 || lo !== 0) this.add(hi, lo);
    }
  }
}
