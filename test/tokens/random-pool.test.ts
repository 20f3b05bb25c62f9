import { describe, expect, it } from 'vitest';
import { randomView } from '../../src/tokens/random-pool.js';

describe('pooled randomness', () => {
  it('never hands out the same bytes twice, across pool refills', () => {
    const seen = new Set<string>();
    // 16-byte draws: a repeat would mean reused pool bytes (a chance collision is 2^-128).
    for (let i = 0; i < 2000; i++) seen.add(randomView(16).toString('hex'));
    expect(seen.size).toBe(2000);
  });

  it('refuses a draw larger than the pool', () => {
    expect(() => randomView(4097)).toThrow(RangeError);
  });
});
