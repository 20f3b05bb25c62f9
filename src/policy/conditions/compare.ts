/** The comparison suffixes shared by the Numeric* and Date* operator families. */
export type Comparison = 'Equals' | 'NotEquals' | 'LessThan' | 'LessThanEquals' | 'GreaterThan' | 'GreaterThanEquals';

/**
 * The positive comparisons. `NotEquals` is not here: negated operators are the negation of their
 * positive twin (see operators.ts), which also gives them their absent-key semantics.
 */
export const comparators = {
  Equals: (a: number, b: number) => a === b,
  LessThan: (a: number, b: number) => a < b,
  LessThanEquals: (a: number, b: number) => a <= b,
  GreaterThan: (a: number, b: number) => a > b,
  GreaterThanEquals: (a: number, b: number) => a >= b,
} as const;

export type PositiveComparison = keyof typeof comparators;

/**
 * Builds a value test for an ordered family (numbers, dates): a request value matches when it parses
 * and compares true against any policy value (request value on the left: `NumericLessThan 10` holds
 * for a request value 5).
 */
export function orderedTest(
  parse: (text: string) => number,
  comparison: PositiveComparison,
  policyValues: readonly string[],
): (requestValue: string) => boolean {
  const compare = comparators[comparison];
  const bounds = policyValues.map(parse);
  return (requestValue) => {
    const actual = parse(requestValue);
    if (Number.isNaN(actual)) return false;
    for (const bound of bounds) if (compare(actual, bound)) return true;
    return false;
  };
}
