import { describe, expect, it } from 'vitest';
import { KeyRing, MAX_SESSION_SECONDS, issueCredentials, tokenKeyId, verifyCredentials } from '../../src/tokens/index.js';
import { HOUR_MS, NOW, grant } from './fixtures.js';

const MAX_SESSION_MS = MAX_SESSION_SECONDS * 1000;

describe('key rotation', () => {
  it('makes the new key current for new credentials', () => {
    const ring = KeyRing.generate(NOW);
    const id = ring.rotate(NOW + HOUR_MS);
    expect(ring.current.id).toBe(id);
    expect(tokenKeyId(issueCredentials(ring, grant(), NOW + HOUR_MS).securityToken)).toBe(id);
  });

  it('keeps verifying tokens sealed with the previous key', () => {
    const ring = KeyRing.generate(NOW);
    const old = issueCredentials(ring, grant({ durationSeconds: 43_200 }), NOW);
    ring.rotate(NOW + HOUR_MS);
    const later = NOW + 2 * HOUR_MS;
    expect(verifyCredentials(ring, old.accessKeyId, old.securityToken, later).accessKeySecret).toBe(old.accessKeySecret);
  });

  it('gives every key a distinct id', () => {
    const ring = KeyRing.generate(NOW);
    for (let i = 0; i < 50; i++) ring.rotate(NOW);
    expect(new Set(ring.ids).size).toBe(51);
  });
});

describe('key pruning', () => {
  it('keeps the old key until the longest session its successor could have ended has expired', () => {
    const ring = KeyRing.generate(NOW);
    const [oldId] = ring.ids;
    const rotatedAt = NOW + HOUR_MS;
    ring.rotate(rotatedAt);
    expect(ring.prune(rotatedAt + MAX_SESSION_MS - 1)).toEqual([]);
    expect(ring.prune(rotatedAt + MAX_SESSION_MS)).toEqual([oldId]);
    expect(ring.ids).toHaveLength(1);
  });

  it('honours a shorter maximum session and an extra grace period', () => {
    const ring = KeyRing.generate(NOW);
    ring.rotate(NOW);
    expect(ring.prune(NOW + HOUR_MS, 3600, 60)).toEqual([]);
    expect(ring.prune(NOW + HOUR_MS + 60_000, 3600, 60)).toHaveLength(1);
  });

  it('never drops the current key, however old', () => {
    const ring = KeyRing.generate(NOW);
    expect(ring.prune(NOW + 1000 * MAX_SESSION_MS)).toEqual([]);
    expect(ring.ids).toHaveLength(1);
  });

  it('drops only keys whose successor is old enough', () => {
    const ring = KeyRing.generate(NOW);
    const [first] = ring.ids;
    const second = ring.rotate(NOW + HOUR_MS);
    const third = ring.rotate(NOW + MAX_SESSION_MS);
    expect(ring.prune(NOW + HOUR_MS + MAX_SESSION_MS)).toEqual([first]);
    expect(ring.ids).toEqual([second, third]);
  });
});
