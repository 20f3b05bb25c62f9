import type { Decision, MatchedStatement, PolicySource, PolicyType } from './types.js';

function describeSource(source: PolicySource): string {
  const kind = source.type === 'Session' ? 'session policy'
    : source.type === 'AssumeRolePolicy' ? 'trust policy'
    : `${source.type} policy`;
  const attached = source.attachedTo === undefined ? '' : `, attached to ${source.attachedTo}`;
  return `${kind} '${source.name}' (version ${source.version}${attached})`;
}

function describeMatches(matched: readonly MatchedStatement[]): string {
  return matched.map((m) => `statement ${m.statementIndex} of ${describeSource(m.policy)}`).join('; ');
}

const POLICY_GROUP: Record<PolicyType, string> = {
  AccountLevelIdentityBasedPolicy: 'the identity policies',
  SessionPolicy: 'the session policy',
  AssumeRolePolicy: "the role's trust policy",
};

/** A sentence saying why: which policy (type, name, version) and statement decided, or that none allowed. */
export function explain(decision: Decision): string {
  const target = decision.resource === undefined ? decision.action : `${decision.action} on ${decision.resource}`;
  switch (decision.type) {
    case 'Allow':
      return decision.matched.length === 0
        ? `Allowed: ${decision.action} is allowed because the account root is not subject to policies for its own resources.`
        : `Allowed: ${decision.action} is allowed by ${describeMatches(decision.matched)}.`;
    case 'ExplicitDeny':
      return `Denied explicitly (${decision.policyType}): ${target} is denied by ${describeMatches(decision.matched)}.`;
    case 'ImplicitDeny':
      return decision.policyType === 'AssumeRolePolicy'
        ? `Denied implicitly (AssumeRolePolicy): no statement in ${POLICY_GROUP.AssumeRolePolicy} admits the caller for ${decision.action}.`
        : `Denied implicitly (${decision.policyType}): no statement in ${POLICY_GROUP[decision.policyType]} allows ${target}.`;
  }
}
