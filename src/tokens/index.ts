/**
 * Stateless temporary (STS) credentials: pure functions over a key ring, no I/O. See README.md.
 */
export { KeyRing, MAX_SESSION_SECONDS, type KeyRingJSON, type SigningKey } from './keyring.js';
export type { SessionClaims } from './claims.js';
export { tokenKeyId } from './seal.js';
export {
  STS_ACCESS_KEY_PREFIX,
  formatExpiration,
  issueCredentials,
  verifyCredentials,
  type IssuedCredentials,
  type SessionGrant,
  type VerifiedCredentials,
} from './credentials.js';
export { isRevoked, revocationCutoff, revocationKey, type Revocations } from './revocation.js';
