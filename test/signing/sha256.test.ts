import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/signing/index.js';
import { unicodeText } from './arbitraries.js';

describe('sha256Hex', () => {
  it('gives the well-known digest of an empty body, string or Buffer', () => {
    const empty = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(sha256Hex('')).toBe(empty);
    expect(sha256Hex(Buffer.alloc(0))).toBe(empty);
  });
  it('hashes strings as UTF-8, like the same bytes in a Buffer', () => {
    fc.assert(
      fc.property(unicodeText, (s) => {
        const expected = createHash('sha256').update(Buffer.from(s, 'utf8')).digest('hex');
        expect(sha256Hex(s)).toBe(expected);
        expect(sha256Hex(Buffer.from(s, 'utf8'))).toBe(expected);
      }),
    );
  });
});
