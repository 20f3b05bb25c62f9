import type { ConditionBlock } from '../types.js';
import type { ContextReader } from './context.js';
import { operatorSpec, type ValueTest } from './operators.js';

/** One (operator, key) pair of a Condition block, ready to evaluate. */
export interface CompiledCondition {
  operator: string;
  key: string;
  lowerKey: string;
  negated: boolean;
  test: ValueTest;
}

/**
 * Compiles a Condition block. parsePolicy has validated it, but compilePolicy also accepts documents
 * built in code, so a bad operator or value is refused here too rather than compiled into a matcher
 * that silently never (or, negated, always) holds.
 */
export function compileConditions(block: ConditionBlock | undefined): CompiledCondition[] {
  if (block === undefined) return [];
  const compiled: CompiledCondition[] = [];
  for (const [operator, keys] of Object.entries(block)) {
    const spec = operatorSpec(operator);
    if (spec === undefined) throw new Error(`cannot compile condition operator '${operator}'`);
    for (const [key, values] of Object.entries(keys)) {
      const problem = values.map((value) => spec.check(value)).find((p) => p !== undefined);
      if (problem !== undefined) throw new Error(`cannot compile ${operator} ${key}: ${problem}`);
      compiled.push({ operator, key, lowerKey: key.toLowerCase(), negated: spec.negated, test: spec.compile(values) });
    }
  }
  return compiled;
}

/**
 * A positive operator holds when any request value matches any policy value, so an absent key makes it
 * false. A negated operator is the negation of its positive twin, so an absent key makes it true — the
 * AWS rule; Alibaba documents only the positive half (api-facts §3.3, docs/policy.md).
 */
function conditionHolds(condition: CompiledCondition, context: ContextReader): boolean {
  const value = context.get(condition.key, condition.lowerKey);
  let positive = false;
  if (typeof value === 'string') positive = condition.test(value);
  else if (value !== undefined) positive = value.some(condition.test);
  return positive !== condition.negated;
}

/** Every condition must hold (keys and operators are ANDed). */
export function conditionsHold(conditions: readonly CompiledCondition[], context: ContextReader): boolean {
  for (const condition of conditions) if (!conditionHolds(condition, context)) return false;
  return true;
}
