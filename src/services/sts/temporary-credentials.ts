import { ApiError, apiError } from '../../errors/catalogue.js';
import type { CredentialResolver, ResolvedCredential } from '../../gateway/credentials.js';
import { assumedRoleArn } from '../../identity/arn.js';
import { isRevoked, tokenKeyId, verifyCredentials, type SessionClaims } from '../../tokens/index.js';
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

/**
 * Authenticates `STS.` AccessKeys from the token alone: the key ring opens it and re-derives the
 * secret, the in-memory revocation list voids it. No database read on this path; the one exception is
 * a token naming a key this node has not loaded yet (a rotation elsewhere), which triggers one
 * rate-limited ring reload.
 */
export class TemporaryCredentialResolver implements CredentialResolver {
  constructor(private readonly runtime: StsRuntime) {}

  async resolve(accessKeyId: string, securityToken: string | undefined, now: number): Promise<ResolvedCredential> {
    const { claims, accessKeySecret } = await this.verify(accessKeyId, securityToken, now);
    if (isRevoked(claims, this.runtime.revocations)) throw apiError('InvalidSecurityToken.Revoked');
    return { secret: accessKeySecret, caller: sessionCaller(claims) };
  }

  private async verify(accessKeyId: string, securityToken: string | undefined, now: number) {
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
