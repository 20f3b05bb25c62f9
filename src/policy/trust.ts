import type { CompiledPolicy } from './compile.js';
import { conditionsHold } from './conditions/condition.js';
import { ContextReader } from './conditions/context.js';
import { judge } from './evaluate.js';
import type { Decision, TrustRequest } from './types.js';

/**
 * Does a role's trust policy let this caller assume the role (api-facts §1.6, §3.5)? A statement
 * applies when it names the caller (directly or through its account's root), covers the action
 * (`sts:AssumeRole` unless told otherwise) and its conditions hold — `sts:ExternalId`,
 * `acs:MFAPresent`, `acs:SourceIp` and the rest come from the request context.
 */
export function evaluateTrust(trust: CompiledPolicy, req: TrustRequest): Decision {
  const action = req.action ?? 'sts:AssumeRole';
  const lowerAction = action.toLowerCase();
  const context = new ContextReader(req.context);
  const candidates = trust.statements.map((statement) => ({ source: trust.source, statement }));
  const verdict = judge(candidates, ({ statement }) =>
    statement.matchesPrincipal !== undefined && statement.matchesPrincipal(req.principal)
    && statement.matchesAction(lowerAction)
    && conditionsHold(statement.conditions, context));
  if (verdict.effect === 'Allow') return { allowed: true, type: 'Allow', policyType: 'AssumeRolePolicy', matched: verdict.matched, action };
  return {
    allowed: false,
    type: verdict.effect === 'Deny' ? 'ExplicitDeny' : 'ImplicitDeny',
    policyType: 'AssumeRolePolicy',
    matched: verdict.matched,
    action,
  };
}
