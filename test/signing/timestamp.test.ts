import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../src/signing/index.js';
import { garbage } from './arbitraries.js';

const anyDate = fc.date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });

describe('parseTimestamp', () => {
  it('reads the SDK format YYYY-MM-DDThh:mm:ssZ', () => {
    expect(parseTimestamp('2026-11-28T06:27:09Z')).toBe(Date.UTC(2026, 10, 28, 6, 27, 9));
  });
  it('reads the millisecond format sts-sdk sends', () => {
    expect(parseTimestamp('2026-11-28T06:27:09.871Z')).toBe(Date.UTC(2026, 10, 28, 6, 27, 9, 871));
  });
  it('accepts 29 February in leap years only', () => {
    expect(parseTimestamp('2024-02-29T00:00:00Z')).not.toBeNull();
    expect(parseTimestamp('2000-02-29T00:00:00Z')).not.toBeNull();
    expect(parseTimestamp('2023-02-29T00:00:00Z')).toBeNull();
    expect(parseTimestamp('1900-02-29T00:00:00Z')).toBeNull();
  });
  it('maps years 0-99 to themselves, not to the 1900s', () => {
    expect(parseTimestamp('0050-01-01T00:00:00Z')).toBe(new Date('0050-01-01T00:00:00Z').getTime());
  });
  it.each([
    ['month 13', '2025-13-01T00:00:00Z'],
    ['month 0', '2025-00-01T00:00:00Z'],
    ['day 0', '2025-01-00T00:00:00Z'],
    ['31 April', '2025-04-31T00:00:00Z'],
    ['hour 24', '2025-01-01T24:00:00Z'],
    ['minute 60', '2025-01-01T00:60:00Z'],
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['no Z', '2025-01-01T00:00:00'],
    ['an offset', '2025-01-01T00:00:00+00:00'],
    ['lower-case t and z', '2025-01-01t00:00:00z'],
    ['a space for T', '2025-01-01 00:00:00Z'],
    ['two-digit milliseconds', '2025-01-01T00:00:00.12Z'],
    ['microseconds', '2025-01-01T00:00:00.123456Z'],
    ['a comma before the milliseconds', '2025-01-01T00:00:00,123Z'],
    ['a signed digit', '2025-01-+1T00:00:00Z'],
    ['full-width digits', '２０２５-01-01T00:00:00Z'],
    ['a date only', '2025-01-01'],
    ['epoch seconds', '1735689600'],
    ['an RFC 1123 date', 'Wed, 01 Jan 2025 00:00:00 GMT'],
    ['the empty string', ''],
  ])('rejects %s', (_what, s) => {
    expect(parseTimestamp(s)).toBeNull();
  });

  it('agrees with Date on every instant of years 0000-9999, with milliseconds', () => {
    fc.assert(fc.property(anyDate, (d) => parseTimestamp(d.toISOString()) === d.getTime()), { numRuns: 2000 });
  });
  it('agrees with Date on every instant of years 0000-9999, without milliseconds', () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        const s = d.toISOString().replace(/\.\d{3}Z$/, 'Z');
        return parseTimestamp(s) === d.getTime() - d.getUTCMilliseconds();
      }),
      { numRuns: 2000 },
    );
  });
  it('never throws, and whatever it accepts Date reads the same way', () => {
    fc.assert(
      fc.property(garbage, (s) => {
        const ms = parseTimestamp(s);
        return ms === null || ms === new Date(s).getTime();
      }),
      { numRuns: 3000 },
    );
  });
});
