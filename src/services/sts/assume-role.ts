import { apiError } from '../../errors/catalogue.js';
import { rootMayNotAssumeRoles } from '../../errors/sts.js';
import { parseRoleArn, roleArn, roleSessionArn } from '../../identity/arn.js';
import { issueCredentials, type SessionGrant } from '../../tokens/index.js';
import type { ActionDef, Caller } from '../action.js';
import type { AppServices } from '../app-services.js';
import { DURATION, maxDuration, readAssumeRoleParams, type AssumeRoleRequest } from './assume-role-params.js';
import type { AssumableRole } from './role-directory.js';
import { requireTrust } from './trust.js';

type Assumer = Exclude<Caller, { kind: 'root' }>;

/** SourceIdentity is set once, at the first hop, and then carried through every chained session. */
function sourceIdentityOf(caller: Assumer, requested: string | undefined): string | undefined {
  const inherited = caller.kind === 'session' ? caller.claims.sourceIdentity : undefined;
  if (inherited !== undefined && requested !== undefined && requested !== inherited) {
    throw apiError('InvalidParameter.SourceIdentity', 'The SourceIdentity of a role chain cannot be changed.');
  }
  return inherited ?? requested;
}

/** The new session's claims: who it is, who asked for it, and the first human of the chain (for audit). */
function grantFor(caller: Assumer, req: AssumeRoleRequest, role: AssumableRole, durationSeconds: number): SessionGrant {
  const sourceIdentity = sourceIdentityOf(caller, req.sourceIdentity);
  const chained = caller.kind === 'session';
  return {
    roleAccountId: req.role.accountId,
    roleId: role.roleId,
    roleName: role.roleName,
    sessionName: req.sessionName,
    callerArn: caller.arn,
    callerAccountId: caller.accountId,
    callerType: chained ? 'role' : 'user',
    callerPrincipalId: chained ? `${caller.roleId}:${caller.sessionName}` : caller.userId,
    mfaPresent: chained ? caller.claims.mfaPresent : caller.kind === 'user' && caller.mfaPresent === true,
    originArn: chained ? (caller.claims.originArn ?? caller.claims.callerArn) : caller.arn,
    originAccountId: chained ? (caller.claims.originAccountId ?? caller.claims.callerAccountId) : caller.accountId,
    ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
    ...(req.sessionPolicy !== undefined ? { sessionPolicy: req.sessionPolicy } : {}),
    durationSeconds,
  };
}

/**
 * AssumeRole (api-facts §1.2, §1.3, §1.6). Two yeses, in this order:
 * 1. the caller's own identity policies allow sts:AssumeRole on the role ARN (the gateway's
 *    authorizer; NoPermission with PolicyType AccountLevelIdentityBasedPolicy otherwise);
 * 2. the role's trust policy admits the caller (NoPermission with PolicyType AssumeRolePolicy).
 * A role that does not exist is reported (EntityNotExist.Role) only after the first yes, so a caller
 * not allowed to assume a role cannot probe which roles exist. The role's MaxSessionDuration is
 * checked only after the second yes, for the same reason.
 */
export const assumeRole: ActionDef<AppServices> = {
  product: 'Sts',
  version: '2015-04-01',
  name: 'AssumeRole',
  ramAction: 'sts:AssumeRole',
  access: 'write',
  params: {
    RoleArn: { type: 'string', required: true },
    RoleSessionName: { type: 'string', required: true },
    DurationSeconds: { type: 'integer' },
    Policy: { type: 'string' },
    ExternalId: { type: 'string' },
    SourceIdentity: { type: 'string' },
  },
  authorization: 'handler',
  resources: (params) => {
    const role = parseRoleArn(params.RoleArn ?? '');
    return role ? [roleArn(role.accountId, role.roleName)] : [];
  },
  async handler({ params, caller, request, services, authorizeAlso }) {
    if (caller.kind === 'root') throw rootMayNotAssumeRoles();
    const req = readAssumeRoleParams(params);
    const target = roleArn(req.role.accountId, req.role.roleName);
    await authorizeAlso('sts:AssumeRole', [target]);
    const role = await services.sts.roles.find(req.role.accountId, req.role.roleName);
    if (role === undefined) throw apiError('EntityNotExist.Role', req.role.roleName);
    requireTrust(role.trust, target, caller, request, req.externalId, services.diagnosticKey);

    const durationSeconds = req.durationSeconds ?? DURATION.fallback;
    if (durationSeconds > maxDuration(role.maxSessionDuration, caller.kind === 'session')) throw apiError('InvalidParameter.DurationSeconds');
    const issued = issueCredentials(services.sts.ring, grantFor(caller, req, role, durationSeconds), request.now);
    return {
      AssumedRoleUser: {
        Arn: roleSessionArn(req.role.accountId, role.roleName, req.sessionName),
        AssumedRoleId: `${role.roleId}:${req.sessionName}`,
      },
      Credentials: {
        AccessKeyId: issued.accessKeyId,
        AccessKeySecret: issued.accessKeySecret,
        SecurityToken: issued.securityToken,
        Expiration: issued.expiration,
      },
      ...(issued.claims.sourceIdentity !== undefined ? { SourceIdentity: issued.claims.sourceIdentity } : {}),
    };
  },
};
