import { createHmac } from 'node:crypto';
import { apiError } from '../errors/catalogue.js';
import { secondsFormatter } from '../identity/time.js';
import { base62Fixed, randomBase62 } from './base62.js';
import { decodeClaims, encodeClaims, OPTIONAL_STRING_CLAIMS, REQUIRED_STRING_CLAIMS, type SessionClaims } from './claims.js';
import { MAX_SESSION_SECONDS, type KeyRing, type SigningKey } from './keyring.js';
import { openToken, sealToken } from './seal.js';

/** `STS.` + 25 base62 characters, the shape of Alibaba's temporary AccessKeyIds (~149 random bits). */
export const STS_ACCESS_KEY_PREFIX = 'STS.';
const ACCESS_KEY_RANDOM_CHARS = 25;
/** 43 base62 digits hold every 256-bit HMAC exactly (62^43 > 2^256): the full MAC, no truncation bias. */
const SECRET_CHARS = 43;

/**
 * What AssumeRole decides about a new session. The core, not the caller, picks the AccessKeyId
 * and the issue/expiry times (from `now` and `durationSeconds`), so they cannot disagree.
 */
export type SessionGrant = Omit<SessionClaims, 'accessKeyId' | 'issuedAt' | 'expiresAt' | 'mfaPresent'> & {
  mfaPresent?: boolean;
  durationSeconds: number;
};

export interface IssuedCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  /** `YYYY-MM-DDThh:mm:ssZ`, as AssumeRole's `Credentials.Expiration`. */
  expiration: string;
  claims: SessionClaims;
}

export interface VerifiedCredentials {
  claims: SessionClaims;
  /** The secret the request must have been signed with; the gateway checks the signature next. */
  accessKeySecret: string;
}

/** AccessKeySecret = base62(HMAC-SHA256(K_secret, AccessKeyId)): any node holding the key re-derives it. */
export function deriveAccessKeySecret(key: SigningKey, accessKeyId: string): string {
  return base62Fixed(createHmac('sha256', key.secretKey).update(accessKeyId, 'latin1').digest(), SECRET_CHARS);
}

/** Epoch seconds as `YYYY-MM-DDThh:mm:ssZ` (no millis: @alicloud/credentials parses exactly that). */
export const formatExpiration: (epochSeconds: number) => string = secondsFormatter();

/**
 * Mints a temporary credential sealed under the ring's current key. `now` is epoch ms.
 * Throws RangeError for a duration outside 1..MAX_SESSION_SECONDS: the key ring's pruning rule
 * relies on no token outliving that, so the bound is enforced here, not only by the API layer.
 */
export function issueCredentials(ring: KeyRing, grant: SessionGrant, now: number): IssuedCredentials {
  const { durationSeconds } = grant;
  if (!Number.isInteger(durationSeconds) || durationSeconds < 1 || durationSeconds > MAX_SESSION_SECONDS) {
    throw new RangeError(`durationSeconds must be an integer in 1..${MAX_SESSION_SECONDS}: ${durationSeconds}`);
  }
  const issuedAt = Math.floor(now / 1000);
  const accessKeyId = STS_ACCESS_KEY_PREFIX + randomBase62(ACCESS_KEY_RANDOM_CHARS);
  // Copied claim by claim: an object rest-and-spread of the grant cost more than sealing the token.
  const claims = { accessKeyId, callerType: grant.callerType, mfaPresent: grant.mfaPresent ?? false, issuedAt, expiresAt: issuedAt + durationSeconds } as SessionClaims;
  for (const name of REQUIRED_STRING_CLAIMS) claims[name] = grant[name];
  for (const name of OPTIONAL_STRING_CLAIMS) if (grant[name] !== undefined) claims[name] = grant[name];
  const key = ring.current;
  return {
    accessKeyId,
    accessKeySecret: deriveAccessKeySecret(key, accessKeyId),
    securityToken: sealToken(key, accessKeyId, encodeClaims(claims)),
    expiration: formatExpiration(claims.expiresAt),
    claims,
  };
}

/**
 * Authenticates a temporary credential from the ring alone (no I/O). `now` is epoch ms.
 * Throws ApiError, checked in this order:
 * - MissingSecurityToken: no token at all (an empty string is a token, and Malformed);
 * - InvalidSecurityToken.Malformed: bad encoding or structure, unknown key id, or failed
 *   authentication, i.e. tampering too (a forged token is indistinguishable from garbage);
 * - InvalidSecurityToken.MismatchWithAccessKey: a genuine token, sealed for another AccessKeyId;
 * - InvalidSecurityToken.Expired: expiresAt <= now.
 * Revocation is separate (isRevoked), because its list lives in the store.
 */
export function verifyCredentials(
  ring: KeyRing,
  accessKeyId: string,
  securityToken: string | undefined,
  now: number,
): VerifiedCredentials {
  if (securityToken === undefined) throw apiError('MissingSecurityToken');
  const opened = openToken(ring, securityToken);
  if (!opened) throw apiError('InvalidSecurityToken.Malformed');
  if (opened.accessKeyId !== accessKeyId) throw apiError('InvalidSecurityToken.MismatchWithAccessKey');
  const claims = decodeClaims(opened.plaintext, accessKeyId);
  if (!claims) throw apiError('InvalidSecurityToken.Malformed');
  if (claims.expiresAt * 1000 <= now) throw apiError('InvalidSecurityToken.Expired');
  return { claims, accessKeySecret: deriveAccessKeySecret(opened.key, accessKeyId) };
}
