import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error.js';
import { indexedStatements, type PolicySet } from './policy-set.js';
import {
  compilePolicy,
  compilePolicySet,
  evaluate,
  parsePolicy,
  type AuthzRequest,
  type Decision,
  type PolicyKind,
  type RequestContext,
} from './index.js';

/**
 * Properties over generated policies and requests (issue 4): the algebra of Allow, Deny and session
 * policies, order independence, and a parser that answers anything with a documented error.
 */

const ACCOUNT = '1234567890123456';
const ACTIONS = ['ram:GetUser', 'ram:ListUsers', 'ram:DeleteUser', 'sts:AssumeRole', 'ecs:RunInstances', 'arms:SearchContact'];
const ACTION_PATTERNS = [...ACTIONS, '*', 'ram:*', 'ram:Get*', '*:List*', 'ecs:Run?nstances', 'RAM:getuser', 'arms:*Contact'];
const RESOURCES = [`acs:ram::${ACCOUNT}:user/alice`, `acs:ram::${ACCOUNT}:role/admin`, `acs:ecs:cn-hangzhou:${ACCOUNT}:instance/i-1`, '*'];
const RESOURCE_PATTERNS = ['*', `acs:ram:*:${ACCOUNT}:user/*`, `acs:ram::${ACCOUNT}:user/alice`, `acs:ram:*:${ACCOUNT}:role/Admin`, `acs:ecs:cn-*:${ACCOUNT}:instance/*`, 'acs:*:*:*:*'];
const CONDITIONS = [
  { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } },
  { NotIpAddress: { 'acs:SourceIp': '10.0.0.0/8' } },
  { Bool: { 'acs:MFAPresent': 'true' } },
  { StringNotEquals: { 'acs:ResourceTag/env': 'prod' } },
  { StringLike: { 'acs:UserAgent': 'cli/*' }, DateLessThan: { 'acs:CurrentTime': '2030-01-01T00:00:00Z' } },
];
const CONTEXT_ENTRIES: [string, string][] = [
  ['acs:SourceIp', '10.1.2.3'], ['acs:SourceIp', '8.8.8.8'], ['acs:MFAPresent', 'true'], ['acs:MFAPresent', 'false'],
  ['acs:ResourceTag/env', 'prod'], ['acs:ResourceTag/env', 'dev'], ['acs:UserAgent', 'cli/2'], ['acs:CurrentTime', '2025-01-01T00:00:00Z'],
];

type StatementJson = Record<string, unknown>;
const nonEmptySubset = <T>(items: readonly T[]) => fc.uniqueArray(fc.constantFrom(...items), { minLength: 1, maxLength: 3 });

const statementArb = (effect?: 'Allow' | 'Deny'): fc.Arbitrary<StatementJson> =>
  fc.record({
    Effect: effect === undefined ? fc.constantFrom('Allow', 'Deny') : fc.constant(effect),
    actions: nonEmptySubset(ACTION_PATTERNS),
    notAction: fc.boolean(),
    Resource: nonEmptySubset(RESOURCE_PATTERNS),
    Condition: fc.option(fc.constantFrom(...CONDITIONS), { nil: undefined }),
  }).map(({ actions, notAction, Condition, ...rest }) => ({
    ...rest,
    [notAction ? 'NotAction' : 'Action']: actions,
    ...(Condition === undefined ? {} : { Condition }),
  }));

const policiesArb = fc.array(fc.array(statementArb(), { maxLength: 4 }), { maxLength: 4 });

const requestArb: fc.Arbitrary<AuthzRequest> = fc.record({
  action: fc.constantFrom(...ACTIONS),
  resources: nonEmptySubset(RESOURCES),
  context: fc.uniqueArray(fc.constantFrom(...CONTEXT_ENTRIES), { selector: ([key]) => key, maxLength: 4 })
    .map((entries): RequestContext => Object.fromEntries(entries)),
}).map((r) => ({ ...r, principal: { type: 'SubUser', accountId: ACCOUNT, arn: `acs:ram::${ACCOUNT}:user/alice`, displayName: '1' } }));

const document = (statements: StatementJson[]) => JSON.stringify({ Version: '1', Statement: statements });

function decide(policies: StatementJson[][], req: AuthzRequest, session?: StatementJson[]): Decision {
  const compiled = policies.map((statements, i) =>
    compilePolicy(parsePolicy(document(statements), 'identity'), { type: 'Custom', name: `P${i}`, version: 'v1' }));
  const sessionPolicy = session === undefined ? undefined
    : compilePolicy(parsePolicy(document(session), 'session'), { type: 'Session', name: 'session', version: '1' });
  return evaluate(compilePolicySet(compiled, sessionPolicy), req);
}

const matchedKeys = (d: Decision) => d.matched.map((m) => `${m.policy.name}#${m.statementIndex}`).sort();

describe('policy algebra', () => {
  it('adding a Deny statement never grants anything', () => {
    fc.assert(fc.property(policiesArb, statementArb('Deny'), fc.nat(), requestArb, (policies, deny, at, req) => {
      const withDeny = policies.length === 0 ? [[deny]] : policies.map((p, i) => (i === at % policies.length ? [...p, deny] : p));
      if (decide(withDeny, req).allowed) expect(decide(policies, req).allowed).toBe(true);
    }), { numRuns: 500 });
  });

  it('adding an Allow statement never takes anything away', () => {
    fc.assert(fc.property(policiesArb, statementArb('Allow'), requestArb, (policies, allow, req) => {
      if (decide(policies, req).allowed) expect(decide([...policies, [allow]], req).allowed).toBe(true);
    }), { numRuns: 500 });
  });

  it('a session policy never widens what identity policies allow', () => {
    fc.assert(fc.property(policiesArb, fc.array(statementArb(), { maxLength: 4 }), requestArb, (policies, session, req) => {
      if (decide(policies, req, session).allowed) expect(decide(policies, req).allowed).toBe(true);
    }), { numRuns: 500 });
  });

  it('the order of statements and policies never changes a decision', () => {
    const shuffled = policiesArb.chain((policies) => fc.tuple(
      fc.constant(policies),
      fc.shuffledSubarray(policies.map((p, i) => ({ p, i })), { minLength: policies.length, maxLength: policies.length }),
    ));
    fc.assert(fc.property(shuffled, requestArb, ([policies, order], req) => {
      // Reverse each policy's statements and permute the policies.
      const reordered = decide(order.map(({ p }) => [...p].reverse()), req);
      const original = decide(policies, req);
      expect({ type: reordered.type, policyType: reordered.policyType, resource: reordered.resource })
        .toEqual({ type: original.type, policyType: original.policyType, resource: original.resource });
    }), { numRuns: 500 });
  });

  it('the matched statements of a decision do not depend on statement order within a policy', () => {
    fc.assert(fc.property(fc.array(statementArb(), { maxLength: 6 }), requestArb, (statements, req) => {
      const forward = decide([statements], req);
      const backward = decide([[...statements].reverse()], req);
      const flip = (key: string) => `P0#${statements.length - 1 - Number(key.split('#')[1])}`;
      expect(matchedKeys(backward).map(flip).sort()).toEqual(matchedKeys(forward));
    }), { numRuns: 300 });
  });
});

describe('service index', () => {
  it('never changes a decision compared with scanning every statement', () => {
    fc.assert(fc.property(policiesArb, requestArb, (policies, req) => {
      const compiled = policies.map((statements, i) =>
        compilePolicy(parsePolicy(document(statements), 'identity'), { type: 'Custom', name: `P${i}`, version: 'v1' }));
      const unindexed: PolicySet = { identity: compiled, identityIndex: { byService: new Map(), anyService: compiled.flatMap(indexedStatements) } };
      const indexed = evaluate(compilePolicySet(compiled), req);
      const scanned = evaluate(unindexed, req);
      expect({ type: indexed.type, matched: matchedKeys(indexed) }).toEqual({ type: scanned.type, matched: matchedKeys(scanned) });
    }), { numRuns: 500 });
  });
});

describe('parser robustness', () => {
  const documented: Record<PolicyKind, string[]> = {
    identity: ['MalformedPolicyDocument', 'InvalidParameter.PolicyDocument.Length'],
    trust: ['MalformedPolicyDocument', 'InvalidParameter.AssumeRolePolicyDocument.Length'],
    session: ['InvalidParameter.PolicyGrammar', 'InvalidParameter.PolicySize'],
  };
  const kindArb = fc.constantFrom<PolicyKind>('identity', 'trust', 'session');

  /** Parses, and when the document is valid also compiles and evaluates it: none of it may crash. */
  function answersOnlyWithDocumentedErrors(text: string, kind: PolicyKind): void {
    try {
      const doc = parsePolicy(text, kind);
      const compiled = compilePolicy(doc, { type: 'Custom', name: 'fuzz', version: 'v1' });
      evaluate(compilePolicySet([compiled]), {
        action: 'ram:GetUser', resources: ['*'], context: { 'acs:SourceIp': '10.0.0.1' },
        principal: { type: 'SubUser', accountId: ACCOUNT, arn: 'x', displayName: 'x' },
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect(documented[kind]).toContain((error as ApiError).code);
    }
  }

  it('answers random strings only with documented errors', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), kindArb, answersOnlyWithDocumentedErrors), { numRuns: 1000 });
  });

  it('answers random JSON only with documented errors', () => {
    fc.assert(fc.property(fc.jsonValue(), kindArb, (value, kind) => answersOnlyWithDocumentedErrors(JSON.stringify(value), kind)), { numRuns: 1000 });
  });

  it('answers policy-shaped documents with random parts only with documented errors', () => {
    const part = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom('*', 'Allow', 'Deny', 'ram:*', 'acs:ram::1:root', `acs:ram::${ACCOUNT}:user/*`, '10.0.0.0/8', '2019-01-01', '__proto__'),
    );
    const elementName = fc.constantFrom('Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition', 'Principal', 'Sid', 'effect');
    const condition = fc.dictionary(
      fc.constantFrom('StringEquals', 'StringLike', 'NumericLessThan', 'DateEquals', 'Bool', 'IpAddress', 'NotIpAddress', 'BoolIfExists', 'Null', 'constructor'),
      fc.dictionary(fc.constantFrom('acs:SourceIp', 'k', '__proto__', ''), fc.oneof(part, fc.array(part, { maxLength: 3 }))),
    );
    const statement = fc.dictionary(elementName, fc.oneof(part, condition, fc.array(part, { maxLength: 3 })), { maxKeys: 6 });
    const doc = fc.record({ Version: fc.constantFrom('1', 1, '2'), Statement: fc.array(statement, { maxLength: 3 }) }, { requiredKeys: [] });
    fc.assert(fc.property(doc, kindArb, (value, kind) => answersOnlyWithDocumentedErrors(JSON.stringify(value), kind)), { numRuns: 1000 });
  });
});
