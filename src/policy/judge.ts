import { conditionsHold } from './conditions/condition.js';
import type { ContextReader } from './conditions/context.js';
import type { IndexedStatement } from './policy-set.js';
import type { RequestResource } from './resource.js';
import type { MatchedStatement, TrustRequest } from './types.js';

/**
 * What a statement is asked about. Identity and session statements are asked about a resource, trust
 * statements about a caller; a statement of one kind never applies to a question of the other.
 */
export interface Question {
  lowerAction: string;
  resource: RequestResource | undefined;
  caller: TrustRequest['principal'] | undefined;
  context: ContextReader;
}

export interface Verdict {
  effect: 'Allow' | 'Deny' | undefined;
  matched: MatchedStatement[];
}

function applies({ statement }: IndexedStatement, q: Question): boolean {
  if (!statement.matchesAction(q.lowerAction)) return false;
  const resourceOk = statement.matchesResource === undefined
    ? q.resource === undefined
    : q.resource !== undefined && statement.matchesResource(q.resource);
  const callerOk = statement.matchesPrincipal === undefined
    ? q.caller === undefined
    : q.caller !== undefined && statement.matchesPrincipal(q.caller);
  return resourceOk && callerOk && conditionsHold(statement.conditions, q.context);
}

/**
 * Explicit Deny wins over Allow; no matching statement is an implicit deny. Every matching statement
 * of the winning effect is reported, so the answer does not depend on statement or policy order.
 */
export function judge(candidates: readonly IndexedStatement[], q: Question): Verdict {
  let verdict: Verdict | undefined;
  for (const entry of candidates) {
    const effect = entry.statement.effect;
    if (verdict?.effect === 'Deny' && effect === 'Allow') continue;
    if (!applies(entry, q)) continue;
    if (verdict?.effect === effect) verdict.matched.push(entry.match);
    else verdict = { effect, matched: [entry.match] };
  }
  return verdict ?? { effect: undefined, matched: [] };
}
