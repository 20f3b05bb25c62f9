import { serviceOf } from './action.js';
import { conditionsHold } from './conditions/condition.js';
import { ContextReader } from './conditions/context.js';
import { candidatesFor, type IndexedStatement, type PolicySet, type StatementIndex } from './policy-set.js';
import { parseRequestResource, resourceAccount, type RequestResource } from './resource.js';
import type { AuthzRequest, Decision, MatchedStatement, PolicyType } from './types.js';

/** What one group of policies (identity, or session) says about one action on one resource. */
interface Verdict {
  effect: 'Allow' | 'Deny' | undefined;
  matched: MatchedStatement[];
}

const NOTHING: Verdict = { effect: undefined, matched: [] };

function statementApplies(entry: IndexedStatement, lowerAction: string, resource: RequestResource, context: ContextReader): boolean {
  const { statement } = entry;
  return statement.matchesAction(lowerAction)
    && statement.matchesResource !== undefined && statement.matchesResource(resource)
    && conditionsHold(statement.conditions, context);
}

/**
 * Explicit Deny wins over Allow; no matching statement is an implicit deny. Every matching statement
 * of the winning effect is reported, so the answer does not depend on statement or policy order.
 */
export function judge(candidates: readonly IndexedStatement[], applies: (entry: IndexedStatement) => boolean): Verdict {
  let verdict = NOTHING;
  for (const entry of candidates) {
    const effect = entry.statement.effect;
    if (verdict.effect === 'Deny' && effect === 'Allow') continue;
    if (!applies(entry)) continue;
    const match = { policy: entry.source, statementIndex: entry.statement.index, effect };
    if (verdict.effect === effect) verdict.matched.push(match);
    else verdict = { effect, matched: [match] };
  }
  return verdict;
}

function verdictFor(index: StatementIndex, lowerAction: string, resource: RequestResource, context: ContextReader): Verdict {
  return judge(candidatesFor(index, serviceOf(lowerAction)), (entry) => statementApplies(entry, lowerAction, resource, context));
}

function denial(type: 'ImplicitDeny' | 'ExplicitDeny', policyType: PolicyType, action: string, resource: string | undefined, matched: MatchedStatement[]): Decision {
  return { allowed: false, type, policyType, matched, action, resource };
}

function addUnique(into: MatchedStatement[], from: readonly MatchedStatement[]): void {
  for (const m of from) {
    if (!into.some((x) => x.policy === m.policy && x.statementIndex === m.statementIndex)) into.push(m);
  }
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
  const context = new ContextReader(req.context);
  const allowedBy: MatchedStatement[] = [];
  for (const raw of req.resources) {
    const resource = parseRequestResource(raw);
    const session = set.sessionIndex === undefined ? undefined : verdictFor(set.sessionIndex, lowerAction, resource, context);
    const identity = verdictFor(set.identityIndex, lowerAction, resource, context);
    if (session?.effect === 'Deny') return denial('ExplicitDeny', 'SessionPolicy', req.action, raw, session.matched);
    if (identity.effect === 'Deny') return denial('ExplicitDeny', 'AccountLevelIdentityBasedPolicy', req.action, raw, identity.matched);
    if (session !== undefined && session.effect !== 'Allow') return denial('ImplicitDeny', 'SessionPolicy', req.action, raw, []);
    if (identity.effect !== 'Allow') return denial('ImplicitDeny', 'AccountLevelIdentityBasedPolicy', req.action, raw, []);
    addUnique(allowedBy, identity.matched);
    if (session !== undefined) addUnique(allowedBy, session.matched);
  }
  return { allowed: true, type: 'Allow', policyType: 'AccountLevelIdentityBasedPolicy', matched: allowedBy, action: req.action };
}
