/**
 * STS change channels, announced through Store.publish to every node sharing the store (see
 * ../events.ts for the RAM ones).
 * - KEY_RING: the signing key ring was created or rotated (payload unused); nodes reload it.
 * - REVOCATIONS: a role's sessions were revoked (payload `<accountId>:<roleId>`); nodes reload the
 *   revocation list.
 */
export const KEY_RING_CHANNEL = 'sts-key-ring';
export const REVOCATIONS_CHANNEL = 'sts-revocations';
