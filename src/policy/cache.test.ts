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

  it('evicts the least recently used set beyond its capacity', () => {
    const cache = new PolicySetCache<string>(2);
    const builder = build();
    cache.get('alice', builder);
    cache.get('bob', builder);
    cache.get('alice', builder); // alice is now more recent than bob
    cache.get('carol', builder); // evicts bob
    expect(cache.size).toBe(2);
    cache.get('alice', builder);
    expect(builder).toHaveBeenCalledTimes(3);
    cache.get('bob', builder);
    expect(builder).toHaveBeenCalledTimes(4);
  });

  it('refuses a capacity below one', () => {
    expect(() => new PolicySetCache(0)).toThrow(RangeError);
  });
});
