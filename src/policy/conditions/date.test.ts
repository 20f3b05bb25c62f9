import { describe, expect, it } from 'vitest';
import { parseIsoDate } from './date.js';

describe('parseIsoDate', () => {
  it('accepts 29 February in a leap year', () => {
    expect(parseIsoDate('2020-02-29T00:00:00Z')).toBe(Date.UTC(2020, 1, 29));
  });

  it('refuses 29 February in a common year', () => {
    expect(parseIsoDate('2019-02-29T00:00:00Z')).toBeNaN();
  });

  it('reads a time without a zone as UTC, whatever the local zone', () => {
    expect(parseIsoDate('2024-06-01T12:00:00')).toBe(Date.UTC(2024, 5, 1, 12));
  });

  it('applies a zone offset written without a colon', () => {
    expect(parseIsoDate('2024-06-01T12:00:00-0530')).toBe(Date.UTC(2024, 5, 1, 17, 30));
  });

  it('refuses epoch seconds, which are not ISO-8601', () => {
    expect(parseIsoDate('1717243200')).toBeNaN();
  });
});
