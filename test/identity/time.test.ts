import { describe, expect, it } from 'vitest';
import { isoSeconds, secondsFormatter } from '../../src/identity/time.js';

const SECOND = Date.UTC(2026, 10, 28, 18, 4, 5) / 1000;

describe('secondsFormatter', () => {
  it('formats epoch seconds as YYYY-MM-DDThh:mm:ssZ', () => {
    expect(secondsFormatter()(SECOND)).toBe('2026-11-28T18:04:05Z');
  });

  it('answers a new second with its own text, not the one kept from before', () => {
    const format = secondsFormatter();
    expect(format(SECOND)).toBe('2026-11-28T18:04:05Z');
    expect(format(SECOND + 1)).toBe('2026-11-28T18:04:06Z');
    expect(format(SECOND)).toBe('2026-11-28T18:04:05Z');
  });

  it('keeps one cache per formatter, so formatters asked for different seconds agree with each other', () => {
    const current = secondsFormatter();
    const expiry = secondsFormatter();
    for (let i = 0; i < 3; i++) {
      expect(current(SECOND)).toBe('2026-11-28T18:04:05Z');
      expect(expiry(SECOND + 3600)).toBe('2026-11-28T19:04:05Z');
    }
  });
});

describe('isoSeconds', () => {
  it('drops the milliseconds of epoch ms', () => {
    expect(isoSeconds(SECOND * 1000 + 999)).toBe('2026-11-28T18:04:05Z');
  });
});
