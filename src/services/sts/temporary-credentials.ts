import { ApiError, apiError } from '../../errors/catalogue.js';
import type { CredentialResolver, ResolvedCredential } from '../../gateway/credentials.js';
import { assumedRoleArn } from '../../identity/arn.js';
import { isRevoked, tokenKeyId, verifyCredentials, type KeyRing, type SessionClaims } from '../../tokens/index.js';
import type { Caller } from '../action.js';
import type { StsRuntime } from './sts-runtime.js';

/** The caller a session's claims stand for: it acts in the role's account (api-facts §1.5). */
export function sessionCaller(claims: SessionClaims): Caller {
  return {
    kind: 'session',
    accountId: claims.roleAccountId,
    arn: assumedRoleArn(claims.roleAccountId, claims.roleName, claims.sessionName),
    accessKeyId: claims.accessKeyId,
    roleId: claims.roleId,
    roleName: claims.roleName,
    sessionName: claims.sessionName,
    claims,
  };
}

interface VerifiedSession {
  claims: SessionClaims;
  secret: string;
  caller: Caller;
}

/** Bounds the memory of the verified-token cache (a token is a few hundred bytes). */
const MAX_VERIFIED_TOKENS = 10_000;

/**
 * Authenticates `STS.` AccessKeys from the token alone: the key ring opens it and re-derives the
 * secret, the in-memory revocation list voids it. No database read on this path; the one exception is
 * a token naming a key this node has not loaded yet (a rotation elsewhere), which triggers one
 * rate-limited ring reload.
 *
 * A client reuses its token for every call of the session, so what opening it yields (claims, secret,
 * caller) is kept per exact token text: the AES-GCM opening and the secret's derivation run once per
 * session, not per request. The cache only skips work that would give the same answer: expiry, the
 * AccessKeyId match and revocation are checked on every request, and a changed key ring (rotation,
 * a key dropped) empties it, so a token is never honoured after its key left the ring.
 */
export class TemporaryCredentialResolver implements CredentialResolver {
  private verified = new Map<string, VerifiedSession>();
  private verifiedWith: KeyRing | undefined;

  constructor(private readonly runtime: StsRuntime) {}

  async resolve(accessKeyId: string, securityToken: string | undefined, now: number): Promise<ResolvedCredential> {
    const session = this.cached(accessKeyId, securityToken, now) ?? (await this.verify(accessKeyId, securityToken, now));
    if (isRevoked(session.claims, this.runtime.revocations)) throw apiError('InvalidSecurityToken.Revoked');
    return { secret: session.secret, caller: session.caller };
  }

  /** A session verified earlier from this very token, still unexpired and named by this AccessKeyId. */
  private cached(accessKeyId: string, securityToken: string | undefined, now: number): VerifiedSession | undefined {
    if (this.verifiedWith !== this.runtime.ring) {
      this.verified = new Map();
      this.verifiedWith = this.runtime.ring;
    }
    if (securityToken === undefined) return undefined;
    const session = this.verified.get(securityToken);
    // Anything else goes the full way, which answers with the precise error.
    return session && session.claims.accessKeyId === accessKeyId && session.claims.expiresAt * 1000 > now ? session : undefined;
  }

  private async verify(accessKeyId: string, securityToken: string | undefined, now: number): Promise<VerifiedSession> {
    const { claims, accessKeySecret } = await this.open(accessKeyId, securityToken, now);
    const session = { claims, secret: accessKeySecret, caller: sessionCaller(claims) };
    if (this.verifiedWith === this.runtime.ring) {
      if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified = new Map();
      this.verified.set(securityToken!, session);
    }
    return session;
  }

  private async open(accessKeyId: string, securityToken: string | undefined, now: number) {
    try {
      return verifyCredentials(this.runtime.ring, accessKeyId, securityToken, now);
    } catch (err) {
      const keyId = securityToken === undefined ? undefined : tokenKeyId(securityToken);
      const unknownKey = err instanceof ApiError && err.code === 'InvalidSecurityToken.Malformed' && keyId !== undefined && this.runtime.ring.find(keyId) === undefined;
      if (!unknownKey || !(await this.runtime.learnKey(keyId))) throw err;
      return verifyCredentials(this.runtime.ring, accessKeyId, securityToken, now);
    }
  }
}
