import { describe, expect, it } from 'vitest';
import { KeyRing, issueCredentials, verifyCredentials } from '../../src/tokens/index.js';
import { deriveAccessKeySecret } from '../../src/tokens/credentials.js';
import { NOW, grant } from './fixtures.js';

describe('AccessKeySecret derivation', () => {
  it('is re-derived identically by another node holding the same ring', () => {
    const ring = KeyRing.generate(NOW);
    const otherNode = KeyRing.fromJSON(JSON.parse(JSON.stringify(ring.toJSON())));
    const issued = issueCredentials(ring, grant(), NOW);
    expect(verifyCredentials(otherNode, issued.accessKeyId, issued.securityToken, NOW).accessKeySecret).toBe(
      issued.accessKeySecret,
    );
  });

  it('is a function of the AccessKeyId alone under one key', () => {
    const key = KeyRing.generate(NOW).current;
    expect(deriveAccessKeySecret(key, 'STS.abc')).toBe(deriveAccessKeySecret(key, 'STS.abc'));
    expect(deriveAccessKeySecret(key, 'STS.abc')).not.toBe(deriveAccessKeySecret(key, 'STS.abd'));
  });

  it('differs between signing keys for the same AccessKeyId', () => {
    const ring = KeyRing.generate(NOW);
    ring.rotate(NOW);
    const [first, second] = ring.ids.map((id) => ring.find(id)!);
    expect(deriveAccessKeySecret(first!, 'STS.abc')).not.toBe(deriveAccessKeySecret(second!, 'STS.abc'));
  });
});
