import { describe, expect, it, vi } from 'vitest';
import { PolicySetCache } from './cache.js';
import { compilePolicySet, type PolicySet } from './policy-set.js';

const build = () => vi.fn((): PolicySet => compilePolicySet([]));

describe('PolicySetCache', () => {
  it('builds a principal set once and then serves it from the cache', () => {
    const cache = new PolicySetCache<string>();
    const builder = build();
    const first = cache.get('alice', builder);
    expect(cache.get('alice', builder)).toBe(first);
    expect(builder).toHaveBeenCalledTimes(1);
  });

  it('rebuilds a set after it is invalidated', () => {
    const cache = new PolicySetCache<string>();
    const builder = build();
    cache.get('alice', builder);
    cache.invalidate('alice');
    cache.get('alice', builder);
    expect(builder).toHaveBeenCalledTimes(2);
  });

  it('rebuilds every set after clear', () => {
    const cache = new PolicySetCache<string>();
    const builder = build();
    cache.get('alice', builder);
    cache.get('bob', builder);
    cache.clear();
    cache.get('alice', builder);
    expect(builder).toHaveBeenCalledTimes(3);
  });

  it('never holds more sets than its capacity', () => {
    const cache = new PolicySetCache<number>(10);
    for (let i = 0; i < 100; i++) cache.get(i, build());
    expect(cache.size).toBeLessThanOrEqual(10);
  });

  it('keeps a set in use while others come and go', () => {
    const cache = new PolicySetCache<string>(4);
    const alice = build();
    for (let i = 0; i < 20; i++) {
      cache.get('alice', alice);
      cache.get(`other-${i}`, build());
    }
    expect(alice).toHaveBeenCalledTimes(1);
  });

  it('evicts a set unused for longer than its capacity', () => {
    const cache = new PolicySetCache<string>(4);
    const alice = build();
    cache.get('alice', alice);
    for (let i = 0; i < 4; i++) cache.get(`other-${i}`, build());
    cache.get('alice', alice);
    expect(alice).toHaveBeenCalledTimes(2);
  });

  it('refuses a capacity below two', () => {
    expect(() => new PolicySetCache(1)).toThrow(RangeError);
  });
});
