import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base62Fixed, randomBase62 } from '../../src/tokens/base62.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function reference(bytes: Uint8Array, length: number): string {
  let n = bytes.reduce((acc, b) => acc * 256n + BigInt(b), 0n);
  let out = '';
  for (let i = 0; i < length; i++, n /= 62n) out = ALPHABET[Number(n % 62n)] + out;
  return out;
}

describe('base62', () => {
  it('writes any 32-byte number as the same 43 digits as BigInt arithmetic', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        expect(base62Fixed(bytes, 43)).toBe(reference(bytes, 43));
      }),
      { numRuns: 2000 },
    );
    expect(base62Fixed(new Uint8Array(32).fill(255), 43)).toBe(reference(new Uint8Array(32).fill(255), 43));
    expect(base62Fixed(new Uint8Array(32), 43)).toBe('0'.repeat(43));
  });

  it('handles lengths that are not multiples of the limb or chunk size', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 8 }), (bytes, extra) => {
        const length = Math.ceil((bytes.length * 8) / Math.log2(62)) + extra;
        expect(base62Fixed(bytes, length)).toBe(reference(bytes, length));
      }),
    );
  });

  it('throws rather than silently truncating a number too large for the length', () => {
    expect(() => base62Fixed(new Uint8Array(32).fill(255), 42)).toThrow(RangeError);
    expect(() => base62Fixed(Uint8Array.of(62), 1)).toThrow(RangeError);
    expect(base62Fixed(Uint8Array.of(61), 1)).toBe('z');
  });

  it('draws random strings of the requested length from the alphabet only', () => {
    for (const length of [1, 8, 25, 300]) expect(randomBase62(length)).toMatch(new RegExp(`^[0-9A-Za-z]{${length}}$`));
  });

  it('draws every alphabet character (no symbol is unreachable)', () => {
    expect(new Set(randomBase62(20_000)).size).toBe(62);
  });
});
