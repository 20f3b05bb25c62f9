import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFormOrQuery, percentEncode } from '../../src/signing/index.js';
import { garbage, unicodeText } from './arbitraries.js';

const pairs = fc.array(fc.tuple(unicodeText, unicodeText), { maxLength: 8 });

describe('parseFormOrQuery', () => {
  it('decodes name=value pairs in wire order, repeats kept', () => {
    expect(parseFormOrQuery('b=2&a=1&b=3')).toEqual([['b', '2'], ['a', '1'], ['b', '3']]);
  });
  it('treats + as a space and %2B as a plus', () => {
    expect(parseFormOrQuery('q=a+b%2Bc')).toEqual([['q', 'a b+c']]);
  });
  it('decodes UTF-8 escapes', () => {
    expect(parseFormOrQuery('%E4%B8%AD=%F0%9F%98%80')).toEqual([['中', '😀']]);
  });
  it('keeps `=` after the first one in the value', () => {
    expect(parseFormOrQuery('a=b=c')).toEqual([['a', 'b=c']]);
  });
  it('reads a segment without `=` as an empty value, and an empty name as empty', () => {
    expect(parseFormOrQuery('a&b=&=c')).toEqual([['a', ''], ['b', ''], ['', 'c']]);
  });
  it('skips empty segments', () => {
    expect(parseFormOrQuery('&a=1&&b=2&')).toEqual([['a', '1'], ['b', '2']]);
  });
  it('returns an empty list for an empty string', () => {
    expect(parseFormOrQuery('')).toEqual([]);
  });
  it.each(['a=%', 'a=%2', 'a=%zz', '%G0=1', 'a=1&b=%'])('rejects the malformed escape in %j', (raw) => {
    expect(parseFormOrQuery(raw)).toBeNull();
  });
  it.each(['a=%FF', 'a=%C3', 'a=%C0%AF', 'a=%ED%A0%80'])('rejects the invalid UTF-8 in %j', (raw) => {
    expect(parseFormOrQuery(raw)).toBeNull();
  });

  it('round-trips RFC 3986 encoding (pop-core wire form)', () => {
    fc.assert(
      fc.property(pairs, (list) => {
        const raw = list.map(([n, v]) => percentEncode(n) + '=' + percentEncode(v)).join('&');
        expect(parseFormOrQuery(raw)).toEqual(list);
      }),
      { numRuns: 1000 },
    );
  });
  it('round-trips encodeURIComponent (Tea and credentials wire form)', () => {
    fc.assert(
      fc.property(pairs, (list) => {
        const raw = list.map(([n, v]) => encodeURIComponent(n) + '=' + encodeURIComponent(v)).join('&');
        expect(parseFormOrQuery(raw)).toEqual(list);
      }),
      { numRuns: 1000 },
    );
  });
  it('round-trips URLSearchParams (spaces as +)', () => {
    fc.assert(
      fc.property(pairs, (list) => {
        expect(parseFormOrQuery(new URLSearchParams(list).toString())).toEqual(list);
      }),
      { numRuns: 1000 },
    );
  });
  it('never throws, on any string', () => {
    fc.assert(
      fc.property(garbage, (raw) => {
        const result = parseFormOrQuery(raw);
        expect(result === null || Array.isArray(result)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
