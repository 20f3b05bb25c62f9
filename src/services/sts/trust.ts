import { accessDenied } from '../../errors/catalogue.js';
import { requestConditionContext } from '../../gateway/authorize.js';
import { principalOf } from '../../gateway/policy-authorizer.js';
import { roleArn } from '../../identity/arn.js';
import { accessDeniedDetail, evaluateTrust, type CompiledPolicy, type TrustRequest } from '../../policy/index.js';
import type { Caller, RequestInfo } from '../action.js';

type Assumer = Exclude<Caller, { kind: 'root' }>;

/** How a trust policy names the caller (api-facts §3.5): a user by its ARN, a session by its role's. */
function trustPrincipal(caller: Assumer): TrustRequest['principal'] {
  return caller.kind === 'user'
    ? { accountId: caller.accountId, arn: caller.arn, kind: 'user' }
    : { accountId: caller.accountId, arn: roleArn(caller.accountId, caller.roleName), kind: 'role' };
}

/**
 * The role's yes: its trust policy must admit the caller under the request's conditions
 * (`sts:ExternalId`, `acs:MFAPresent`, `acs:SourceIp`, ...). A refusal is NoPermission with
 * PolicyType AssumeRolePolicy; the message and detail name the role, never the trust document.
 */
export function requireTrust(trust: CompiledPolicy, target: string, caller: Assumer, request: RequestInfo, externalId: string | undefined, diagnosticKey: Buffer): void {
  const context = { ...requestConditionContext(caller, request), 'sts:externalid': externalId };
  const decision = evaluateTrust(trust, { principal: trustPrincipal(caller), context });
  if (decision.allowed) return;
  const detail = accessDeniedDetail({ ...decision, resource: target }, principalOf(caller), diagnosticKey, context);
  throw accessDenied(detail);
}
