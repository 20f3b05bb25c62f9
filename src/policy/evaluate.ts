import { serviceOf } from './action.js';
import { ContextReader } from './conditions/context.js';
import { judge, type Question } from './judge.js';
import { candidatesFor, type PolicySet } from './policy-set.js';
import { parseRequestResource, resourceAccount } from './resource.js';
import type { AuthzRequest, Decision, MatchedStatement, PolicyType } from './types.js';

function denial(type: 'ImplicitDeny' | 'ExplicitDeny', policyType: PolicyType, action: string, resource: string | undefined, matched: MatchedStatement[]): Decision {
  return { allowed: false, type, policyType, matched, action, resource };
}

function addUnique(into: MatchedStatement[], from: readonly MatchedStatement[]): void {
  for (const m of from) if (!into.includes(m)) into.push(m);
}

/**
 * The root account is not subject to policies for its own account's resources (api-facts §3.6); a
 * resource naming another account is not its to act on.
 */
function evaluateRoot(req: AuthzRequest): Decision {
  for (const raw of req.resources) {
    const account = resourceAccount(parseRequestResource(raw));
    if (account !== undefined && account !== req.principal.accountId) {
      return denial('ImplicitDeny', 'AccountLevelIdentityBasedPolicy', req.action, raw, []);
    }
  }
  return { allowed: true, type: 'Allow', policyType: 'AccountLevelIdentityBasedPolicy', matched: [], action: req.action };
}

/**
 * Decides a request: every resource must be allowed by the identity policies and, when there is a
 * session policy, by it too (intersection, api-facts §3.6). Which denial is reported when several
 * apply: an explicit Deny (session policy first, then identity) before a missing Allow (session
 * policy first, then identity) — the order of §3.6 within each kind.
 */
export function evaluate(set: PolicySet, req: AuthzRequest): Decision {
  if (req.principal.type === 'Account') return evaluateRoot(req);
  // Fail closed: a request naming no resource cannot be shown to be allowed.
  if (req.resources.length === 0) return denial('ImplicitDeny', 'AccountLevelIdentityBasedPolicy', req.action, undefined, []);
  const lowerAction = req.action.toLowerCase();
  const service = serviceOf(lowerAction);
  const identityCandidates = candidatesFor(set.identityIndex, service);
  const sessionCandidates = set.sessionIndex === undefined ? undefined : candidatesFor(set.sessionIndex, service);
  const q: Question = { lowerAction, resource: undefined, caller: undefined, context: new ContextReader(req.context) };
  let allowedBy: MatchedStatement[] | undefined;
  for (const raw of req.resources) {
    q.resource = parseRequestResource(raw);
    const session = sessionCandidates === undefined ? undefined : judge(sessionCandidates, q);
    const identity = judge(identityCandidates, q);
    if (session?.effect === 'Deny') return denial('ExplicitDeny', 'SessionPolicy', req.action, raw, session.matched);
    if (identity.effect === 'Deny') return denial('ExplicitDeny', 'AccountLevelIdentityBasedPolicy', req.action, raw, identity.matched);
    if (session !== undefined && session.effect !== 'Allow') return denial('ImplicitDeny', 'SessionPolicy', req.action, raw, []);
    if (identity.effect !== 'Allow') return denial('ImplicitDeny', 'AccountLevelIdentityBasedPolicy', req.action, raw, []);
    if (allowedBy === undefined) {
      allowedBy = identity.matched;
    } else {
      addUnique(allowedBy, identity.matched);
    }
    if (session !== undefined) addUnique(allowedBy, session.matched);
  }
  return { allowed: true, type: 'Allow', policyType: 'AccountLevelIdentityBasedPolicy', matched: allowedBy ?? [], action: req.action };
}
