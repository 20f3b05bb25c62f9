import { describe, expect, it } from 'vitest';
import { KeyRing, MAX_SESSION_SECONDS, issueCredentials, tokenKeyId, verifyCredentials } from '../../src/tokens/index.js';
import { NOW, expectApiError, grant } from './fixtures.js';

describe('token sealed with a rotated-out key', () => {
  it('is Malformed once rotation and pruning removed its key from the ring', () => {
    const ring = KeyRing.generate(NOW);
    const stale = issueCredentials(ring, grant(), NOW);
    ring.rotate(NOW);
    const later = NOW + MAX_SESSION_SECONDS * 1000;
    expect(ring.prune(later)).toEqual([tokenKeyId(stale.securityToken)]);
    // Verified "before" its expiry, to show the unknown key alone is the reason for refusal.
    expectApiError(() => verifyCredentials(ring, stale.accessKeyId, stale.securityToken, NOW), 'InvalidSecurityToken.Malformed');
    expectApiError(() => verifyCredentials(ring, stale.accessKeyId, stale.securityToken, later), 'InvalidSecurityToken.Malformed');
  });

  it('names its key, so a node meeting an unknown key id can reload the ring first', () => {
    const nodeA = KeyRing.generate(NOW);
    const nodeB = KeyRing.fromJSON(nodeA.toJSON());
    const newId = nodeA.rotate(NOW);
    const fresh = issueCredentials(nodeA, grant(), NOW);
    const keyId = tokenKeyId(fresh.securityToken);
    expect(keyId).toBe(newId);
    expect(nodeB.find(keyId!)).toBeUndefined();
    const reloaded = KeyRing.fromJSON(nodeA.toJSON());
    expect(verifyCredentials(reloaded, fresh.accessKeyId, fresh.securityToken, NOW).claims.accessKeyId).toBe(fresh.accessKeyId);
  });

  it('reports no key id for text that is not a token', () => {
    expect(tokenKeyId('')).toBeUndefined();
    expect(tokenKeyId('garbage!')).toBeUndefined();
    expect(tokenKeyId('CAISABCD')).toBeUndefined();
  });
});
