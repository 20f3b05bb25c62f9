import { describe, expect, it } from 'vitest';
import { HashSet64 } from '../../src/gateway/replay/hash-set64.js';
import { NonceWindow } from '../../src/gateway/replay/nonce-window.js';

/** Threat: memory exhaustion — a busy window (27M nonces at 30k req/s) must stay within 32 bytes each. */
const SEED = { a: 0x12345678, b: 0x9abcdef0 };

describe('HashSet64', () => {
  it('keeps every member through growth and reports absent keys as absent', () => {
    const set = new HashSet64(SEED, 4);
    for (let i = 1; i <= 10_000; i++) set.add(i, i * 7);
    expect(set.size).toBe(10_000);
    for (let i = 1; i <= 10_000; i++) expect(set.has(i, i * 7)).toBe(true);
    expect(set.has(1, 8)).toBe(false);
  });

  it('tells a new key from one already present', () => {
    const set = new HashSet64(SEED);
    expect(set.add(0xffffffff, 1)).toBe(true);
    expect(set.add(0xffffffff, 1)).toBe(false);
    expect(set.size).toBe(1);
  });
});

describe('NonceWindow', () => {
  it('remembers a million nonces in at most 32 bytes of typed arrays each', () => {
    const window = new NonceWindow(15 * 60_000);
    const start = Date.UTC(2030, 0, 1);
    // 1M claims spread over 10 minutes of traffic, so several minute buckets are in use.
    let accepted = 0;
    for (let i = 0; i < 1_000_000; i++) if (window.claim((i * 2654435761) >>> 0, i + 1, start + Math.floor(i * 0.6))) accepted++;
    expect(accepted).toBe(1_000_000);
    expect(window.size).toBe(1_000_000);
    expect(window.allocatedBytes / window.size).toBeLessThanOrEqual(32);
  });

  it('drops whole buckets once they expire', () => {
    const window = new NonceWindow(60_000);
    const start = Date.UTC(2030, 0, 1);
    for (let i = 1; i <= 1000; i++) window.claim(i, i, start);
    expect(window.size).toBe(1000);
    window.forgetExpired(start + 120_000);
    expect(window.size).toBe(0);
    expect(window.allocatedBytes).toBe(0);
  });

  it('still remembers a nonce right up to the end of the window', () => {
    const window = new NonceWindow(60_000);
    const start = Date.UTC(2030, 0, 1);
    window.claim(1, 2, start);
    expect(window.has(1, 2, start + 59_999)).toBe(true);
  });
});
