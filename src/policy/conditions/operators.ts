import { compileWildcard } from '../wildcard.js';
import { orderedTest, type Comparison, type PositiveComparison } from './compare.js';
import { checkIsoDate, parseIsoDate } from './date.js';
import { checkIpRange, parseIpAddress, parseIpRange, type IpRange } from './ip.js';
import { checkNumber, parseNumber } from './numeric.js';

/** Does one request value match any of one key's policy values? */
export type ValueTest = (requestValue: string) => boolean;

export interface OperatorSpec {
  /** Why a policy value is unusable with this operator, or undefined when it is fine. */
  check(value: string): string | undefined;
  /** The positive test; a negated operator is its negation (see conditions/condition.ts). */
  compile(policyValues: readonly string[]): ValueTest;
  negated: boolean;
}

const anyString = () => undefined;

const stringEquals = (values: readonly string[]): ValueTest => (v) => values.includes(v);

const stringEqualsIgnoreCase = (values: readonly string[]): ValueTest => {
  const lowered = values.map((value) => value.toLowerCase());
  return (v) => lowered.includes(v.toLowerCase());
};

const stringLike = (values: readonly string[]): ValueTest => {
  const matchers = values.map(compileWildcard);
  return (v) => matchers.some((matches) => matches(v));
};

// Predefined values are case-sensitive in policies (api-facts §3.1); request values come from our own
// gateway, but a context built by an embedding service may say "True".
const checkBool = (value: string) => (value === 'true' || value === 'false' ? undefined : `'${value}' is not 'true' or 'false'`);
const bool = (values: readonly string[]): ValueTest => (v) => values.includes(v.toLowerCase());

const ipAddress = (values: readonly string[]): ValueTest => {
  const ranges = values.map((value) => parseIpRange(value) as IpRange);
  return (v) => {
    const address = parseIpAddress(v);
    return address !== undefined && ranges.some((range) => range.contains(address));
  };
};

const COMPARISONS: readonly Comparison[] = ['Equals', 'NotEquals', 'LessThan', 'LessThanEquals', 'GreaterThan', 'GreaterThanEquals'];

function orderedFamily(prefix: string, parse: (text: string) => number, check: (text: string) => string | undefined) {
  return Object.fromEntries(COMPARISONS.map((comparison): [string, OperatorSpec] => {
    const positive: PositiveComparison = comparison === 'NotEquals' ? 'Equals' : comparison;
    return [`${prefix}${comparison}`, {
      check,
      compile: (values) => orderedTest(parse, positive, values),
      negated: comparison === 'NotEquals',
    }];
  }));
}

/** The 19 operators of api-facts §3.3, exactly; anything else is rejected when the policy is written. */
export const operators: Readonly<Record<string, OperatorSpec>> = {
  StringEquals: { check: anyString, compile: stringEquals, negated: false },
  StringNotEquals: { check: anyString, compile: stringEquals, negated: true },
  StringEqualsIgnoreCase: { check: anyString, compile: stringEqualsIgnoreCase, negated: false },
  StringNotEqualsIgnoreCase: { check: anyString, compile: stringEqualsIgnoreCase, negated: true },
  StringLike: { check: anyString, compile: stringLike, negated: false },
  StringNotLike: { check: anyString, compile: stringLike, negated: true },
  ...orderedFamily('Numeric', parseNumber, checkNumber),
  ...orderedFamily('Date', parseIsoDate, checkIsoDate),
  Bool: { check: checkBool, compile: bool, negated: false },
  IpAddress: { check: checkIpRange, compile: ipAddress, negated: false },
  NotIpAddress: { check: checkIpRange, compile: ipAddress, negated: true },
};

/** The operator's definition, or undefined for a name outside the 19 (including "constructor"). */
export function operatorSpec(name: string): OperatorSpec | undefined {
  return Object.hasOwn(operators, name) ? operators[name] : undefined;
}

/** Why an operator name is refused; mirrors Alibaba's live wording for the IfExists/Null forms. */
export function unsupportedOperatorReason(name: string): string {
  if (name.endsWith('IfExists') || name === 'Null') return `the condition operator 'IfExists/Null' is not supported: '${name}'`;
  const colon = name.indexOf(':');
  if (colon >= 0) return `the set qualifier '${name.slice(0, colon + 1)}' is not supported: '${name}'`;
  return `unknown condition operator '${name}'`;
}
