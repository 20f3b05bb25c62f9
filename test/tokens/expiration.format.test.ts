import { describe, expect, it } from 'vitest';
import { KeyRing, formatExpiration, issueCredentials } from '../../src/tokens/index.js';
import { NOW, grant } from './fixtures.js';

describe('Credentials.Expiration', () => {
  it('is exactly YYYY-MM-DDThh:mm:ssZ, 20 characters', () => {
    const { expiration } = issueCredentials(KeyRing.generate(NOW), grant(), NOW + 123);
    expect(expiration).toHaveLength(20);
    expect(expiration).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('parses with new Date() to the session expiry', () => {
    const { expiration, claims } = issueCredentials(KeyRing.generate(NOW), grant({ durationSeconds: 900 }), NOW);
    expect(new Date(expiration).getTime()).toBe(claims.expiresAt * 1000);
    expect(expiration).toBe('2023-11-14T22:28:20Z');
  });

  it('is UTC with zero-padded fields', () => {
    expect(formatExpiration(Date.UTC(2025, 0, 2, 3, 4, 5) / 1000)).toBe('2025-01-02T03:04:05Z');
  });
});
