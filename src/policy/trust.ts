import type { CompiledPolicy } from './compile.js';
import { ContextReader } from './conditions/context.js';
import { judge } from './judge.js';
import { indexedStatements } from './policy-set.js';
import type { Decision, TrustRequest } from './types.js';

/**
 * Does a role's trust policy let this caller assume the role (api-facts §1.6, §3.5)? A statement
 * applies when it names the caller (directly or through its account's root), covers the action
 * (`sts:AssumeRole` unless told otherwise) and its conditions hold — `sts:ExternalId`,
 * `acs:MFAPresent`, `acs:SourceIp` and the rest come from the request context.
 */
export function evaluateTrust(trust: CompiledPolicy, req: TrustRequest): Decision {
  const action = req.action ?? 'sts:AssumeRole';
  const verdict = judge(indexedStatements(trust), {
    lowerAction: action.toLowerCase(),
    resource: undefined,
    caller: req.principal,
    context: new ContextReader(req.context),
  });
  const type = verdict.effect === 'Allow' ? 'Allow' : verdict.effect === 'Deny' ? 'ExplicitDeny' : 'ImplicitDeny';
  return { allowed: type === 'Allow', type, policyType: 'AssumeRolePolicy', matched: verdict.matched, action };
}
