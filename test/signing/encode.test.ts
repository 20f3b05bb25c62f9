import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentEncode } from '../../src/signing/index.js';
import { garbage, unicodeText } from './arbitraries.js';
import { openapiUtil } from './sdk-reference.js';

/** Second, byte-level reference: every UTF-8 byte not unreserved becomes %XY. */
function byteReference(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

describe('percentEncode', () => {
  it.each([
    ['a b', 'a%20b'],
    ['a*b', 'a%2Ab'],
    ['a+b', 'a%2Bb'],
    ['alice@b', 'alice%40b'],
    ['中', '%E4%B8%AD'],
    ['/', '%2F'],
    ["!'()", '%21%27%28%29'],
    ['-_.~', '-_.~'],
    ['😀', '%F0%9F%98%80'],
    ['', ''],
  ])('encodes %j as %j (api-facts §4.1)', (input, expected) => {
    expect(percentEncode(input)).toBe(expected);
  });

  it('returns the same string when nothing needs escaping', () => {
    const s = 'LTAI5tTestKeyA.2015-04-01_x~';
    expect(percentEncode(s)).toBe(s);
  });

  it('encodes a lone surrogate as U+FFFD instead of throwing', () => {
    expect(percentEncode('a\ud800b')).toBe('a%EF%BF%BDb');
  });

  it('agrees with the SDK encoder on any well-formed string', () => {
    fc.assert(fc.property(unicodeText, (s) => percentEncode(s) === openapiUtil.getEncodeParam(s)), { numRuns: 2000 });
  });

  it('agrees with byte-wise UTF-8 encoding on any string, ill-formed included', () => {
    fc.assert(fc.property(garbage, (s) => percentEncode(s) === byteReference(s)), { numRuns: 2000 });
  });
});
