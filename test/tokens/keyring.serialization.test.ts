import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KeyRing, issueCredentials, verifyCredentials } from '../../src/tokens/index.js';
import { NOW, grant } from './fixtures.js';

describe('key ring serialization', () => {
  it('round-trips through JSON text with the same ids, keys and creation times', () => {
    const ring = KeyRing.generate(NOW);
    ring.rotate(NOW + 1);
    const copy = KeyRing.fromJSON(JSON.parse(JSON.stringify(ring)));
    expect(copy.toJSON()).toEqual(ring.toJSON());
    expect(copy.ids).toEqual(ring.ids);
    expect(copy.current.id).toBe(ring.current.id);
  });

  it('yields a ring that verifies tokens of every serialized key', () => {
    const ring = KeyRing.generate(NOW);
    const old = issueCredentials(ring, grant(), NOW);
    ring.rotate(NOW);
    const fresh = issueCredentials(ring, grant(), NOW);
    const copy = KeyRing.fromJSON(ring.toJSON());
    for (const c of [old, fresh]) {
      expect(verifyCredentials(copy, c.accessKeyId, c.securityToken, NOW).accessKeySecret).toBe(c.accessKeySecret);
    }
  });

  it('refuses anything but the exact persisted shape', () => {
    const good = KeyRing.generate(NOW).toJSON();
    const key = good.keys[0]!;
    const bad: unknown[] = [
      null,
      'ring',
      { ...good, version: 2 },
      { ...good, keys: [] },
      { ...good, keys: [{ ...key, id: 'has space' }] },
      { ...good, keys: [{ ...key, id: '' }] },
      { ...good, keys: [{ ...key, createdAt: 1.5 }] },
      { ...good, keys: [{ ...key, createdAt: '1' }] },
      { ...good, keys: [{ ...key, key: Buffer.alloc(16).toString('base64') }] },
      { ...good, keys: [{ ...key, key: 'not base64!' }] },
      { ...good, keys: [key, key] },
      { ...good, keys: [null] },
    ];
    for (const json of bad) expect(() => KeyRing.fromJSON(json), JSON.stringify(json)).toThrow(/invalid STS key ring/);
  });

  it('does not print key material when the ring is logged', () => {
    const ring = KeyRing.generate(NOW);
    const printed = inspect(ring, { depth: 10 }) + inspect(ring.current, { depth: 10 });
    expect(printed).not.toContain(ring.toJSON().keys[0]!.key);
  });
});
