import type { CompiledPolicy, CompiledStatement } from './compile.js';
import type { MatchedStatement } from './types.js';

export interface IndexedStatement {
  statement: CompiledStatement;
  /** What a decision reports when this statement matches; built once so deciding allocates less. */
  match: MatchedStatement;
}

/**
 * A group of policies' statements grouped by the service of their actions, so a decision looks only
 * at statements that can apply to the request's service: its cost depends on the principal's own
 * policies, never on how many policies exist in the account.
 */
export interface StatementIndex {
  byService: ReadonlyMap<string, readonly IndexedStatement[]>;
  /** Statements that can apply to any service; also what an unindexed service sees. */
  anyService: readonly IndexedStatement[];
}

export interface PolicySet {
  identity: readonly CompiledPolicy[];
  session?: CompiledPolicy;
  identityIndex: StatementIndex;
  sessionIndex?: StatementIndex;
}

// One entry list per compiled policy, shared by every set that includes it: a policy attached to a
// thousand principals costs its entries once, and their sets stay small and cache-friendly.
const entriesOf = new WeakMap<CompiledPolicy, IndexedStatement[]>();

export function indexedStatements(policy: CompiledPolicy): readonly IndexedStatement[] {
  let entries = entriesOf.get(policy);
  if (entries === undefined) {
    entries = policy.statements.map((statement) => ({
      statement,
      match: Object.freeze({ policy: policy.source, statementIndex: statement.index, effect: statement.effect }),
    }));
    entriesOf.set(policy, entries);
  }
  return entries;
}

function indexStatements(policies: readonly CompiledPolicy[]): StatementIndex {
  const anyService: IndexedStatement[] = [];
  const perService = new Map<string, IndexedStatement[]>();
  for (const entry of policies.flatMap(indexedStatements)) {
    const services = entry.statement.services;
    if (services === undefined) {
      anyService.push(entry);
      continue;
    }
    for (const service of services) {
      const list = perService.get(service);
      if (list === undefined) perService.set(service, [entry]);
      else list.push(entry);
    }
  }
  // Each service's list carries the any-service statements too: one array per lookup, no merging.
  const byService = new Map<string, IndexedStatement[]>();
  for (const [service, list] of perService) byService.set(service, [...list, ...anyService]);
  return { byService, anyService };
}

export function candidatesFor(index: StatementIndex, service: string): readonly IndexedStatement[] {
  return index.byService.get(service) ?? index.anyService;
}

/** A principal's identity policies (its own and its groups', or its role's), and a session policy if any. */
export function compilePolicySet(policies: CompiledPolicy[], session?: CompiledPolicy): PolicySet {
  const set: PolicySet = { identity: policies, identityIndex: indexStatements(policies) };
  if (session !== undefined) {
    set.session = session;
    set.sessionIndex = indexStatements([session]);
  }
  return set;
}
