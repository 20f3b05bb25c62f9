import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeEqual } from '../../src/signing/index.js';
import { garbage } from './arbitraries.js';

describe('safeEqual', () => {
  it('is true for equal signatures', () => {
    expect(safeEqual('9NaGiOspFP5UPcwX8Iwt2YJXXuk=', '9NaGiOspFP5UPcwX8Iwt2YJXXuk=')).toBe(true);
  });
  it('is false for a signature differing in one character', () => {
    expect(safeEqual('9NaGiOspFP5UPcwX8Iwt2YJXXuk=', '9NaGiOspFP5UPcwX8Iwt2YJXXuK=')).toBe(false);
  });
  it('is false for different lengths', () => {
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', 'a')).toBe(false);
  });
  it('is false, without throwing, for equal lengths with different UTF-8 lengths', () => {
    expect(safeEqual('é', 'e')).toBe(false);
  });
  it('tells lone surrogates apart', () => {
    expect(safeEqual('\ud800', '\ud801')).toBe(false);
  });
  it('is string equality, for any strings', () => {
    fc.assert(fc.property(garbage, garbage, (a, b) => safeEqual(a, b) === (a === b)), { numRuns: 2000 });
    fc.assert(fc.property(garbage, (a) => safeEqual(a, a)));
  });
});
