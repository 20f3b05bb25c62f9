import { describe, expect, it } from 'vitest';
import { KeyRing, issueCredentials, verifyCredentials } from '../../src/tokens/index.js';
import { HOUR_MS, NOW, expectApiError, grant } from './fixtures.js';

describe('expired token', () => {
  const ring = KeyRing.generate(NOW);
  const issued = issueCredentials(ring, grant({ durationSeconds: 3600 }), NOW);

  it('still verifies one millisecond before expiry', () => {
    expect(() => verifyCredentials(ring, issued.accessKeyId, issued.securityToken, NOW + HOUR_MS - 1)).not.toThrow();
  });

  it('is refused with InvalidSecurityToken.Expired at the expiry instant', () => {
    expectApiError(() => verifyCredentials(ring, issued.accessKeyId, issued.securityToken, NOW + HOUR_MS), 'InvalidSecurityToken.Expired');
  });

  it('is refused with InvalidSecurityToken.Expired long after expiry', () => {
    expectApiError(() => verifyCredentials(ring, issued.accessKeyId, issued.securityToken, NOW + 100 * HOUR_MS), 'InvalidSecurityToken.Expired');
  });
});
