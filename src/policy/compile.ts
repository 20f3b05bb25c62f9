import { actionServices, compileActions } from './action.js';
import { compileConditions, type CompiledCondition } from './conditions/condition.js';
import { compilePrincipal, type PrincipalMatcher } from './principal.js';
import { compileResources, type ResourceMatcher } from './resource.js';
import type { PolicyDocument, PolicySource } from './types.js';
import type { Matcher } from './wildcard.js';

export interface CompiledStatement {
  /** Position in the document, for explanations. */
  index: number;
  effect: 'Allow' | 'Deny';
  /** Takes the lower-cased request action; already accounts for NotAction. */
  matchesAction: Matcher;
  /** Lower-cased services the statement can apply to; undefined = any service (wildcards, NotAction). */
  services: string[] | undefined;
  /** Undefined in trust policies, which have no Resource. */
  matchesResource: ResourceMatcher | undefined;
  /** Undefined outside trust policies. */
  matchesPrincipal: PrincipalMatcher | undefined;
  conditions: CompiledCondition[];
}

/** A policy turned into matchers once, when written or first loaded, then evaluated many times. */
export interface CompiledPolicy {
  source: PolicySource;
  document: PolicyDocument;
  statements: CompiledStatement[];
}

export function compilePolicy(doc: PolicyDocument, source: PolicySource): CompiledPolicy {
  const statements = doc.Statement.map((statement, index): CompiledStatement => {
    const notAction = statement.NotAction;
    const actions = compileActions(statement.Action ?? notAction ?? []);
    return {
      index,
      effect: statement.Effect,
      matchesAction: notAction === undefined ? actions : (action) => !actions(action),
      services: statement.Action === undefined ? undefined : actionServices(statement.Action),
      matchesResource: statement.Resource === undefined ? undefined : compileResources(statement.Resource),
      matchesPrincipal: statement.Principal === undefined ? undefined : compilePrincipal(statement.Principal),
      conditions: compileConditions(statement.Condition),
    };
  });
  return { source, document: doc, statements };
}
