import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error.js';
import {
  accessDeniedDetail,
  compilePolicy,
  compilePolicySet,
  decodeDiagnosticMessage,
  evaluate,
  evaluateTrust,
  explain,
  findSystemPolicy,
  parsePolicy,
  type Decision,
  type PolicyKind,
  type PolicySource,
  type Principal,
  type RequestContext,
  type TrustRequest,
} from './index.js';

/**
 * Runs the data-driven cases in test/policy-cases/*.json; the format is described in
 * test/policy-cases/README.md. Adding a case needs no code.
 */

type Doc = string | Record<string, unknown>;
interface PolicyEntry { name?: string; type?: PolicySource['type']; version?: string; attachedTo?: PolicySource['attachedTo']; document?: Doc; system?: string }
interface Expect {
  decision?: Decision['type'];
  policyType?: string;
  matched?: string[];
  resource?: string;
  explanation?: string;
  detail?: Record<string, string>;
  decoded?: Record<string, unknown>;
  error?: string;
  message?: string;
  valid?: boolean;
}
interface Case {
  name: string;
  statements?: unknown[];
  identity?: (PolicyEntry | Record<string, unknown>)[];
  session?: Doc;
  sessionStatements?: unknown[];
  request?: { action: string; resource?: string; resources?: string[]; context?: RequestContext; principal?: Partial<Principal> };
  trust?: Doc;
  trustStatements?: unknown[];
  caller?: TrustRequest['principal'];
  context?: RequestContext;
  validate?: { kind: PolicyKind; document?: Doc; statements?: unknown[] };
  expect: Expect;
}

const ACCOUNT = '1234567890123456';
const DEFAULT_PRINCIPAL: Principal = { type: 'SubUser', accountId: ACCOUNT, arn: `acs:ram::${ACCOUNT}:user/alice`, displayName: '208000000000001' };
const KEY = Buffer.alloc(32, 7);

const text = (doc: Doc): string => (typeof doc === 'string' ? doc : JSON.stringify(doc));
const fromStatements = (statements: unknown[]): string => JSON.stringify({ Version: '1', Statement: statements });

function identityPolicies(c: Case) {
  const entries: PolicyEntry[] = c.statements !== undefined
    ? [{ document: fromStatements(c.statements) }]
    : (c.identity ?? []).map((e) => ('document' in e || 'system' in e ? (e as PolicyEntry) : { document: e as Doc }));
  return entries.map((entry, i) => {
    const system = entry.system === undefined ? undefined : findSystemPolicy(entry.system);
    if (entry.system !== undefined && system === undefined) throw new Error(`unknown system policy ${entry.system}`);
    const source: PolicySource = {
      type: entry.type ?? (system ? 'System' : 'Custom'),
      name: entry.name ?? system?.name ?? `P${i + 1}`,
      version: entry.version ?? system?.versionId ?? 'v1',
      ...(entry.attachedTo ? { attachedTo: entry.attachedTo } : {}),
    };
    return compilePolicy(parsePolicy(system?.document ?? text(entry.document ?? ''), 'identity'), source);
  });
}

function sessionPolicy(c: Case) {
  const doc = c.sessionStatements !== undefined ? fromStatements(c.sessionStatements) : c.session;
  if (doc === undefined) return undefined;
  return compilePolicy(parsePolicy(text(doc), 'session'), { type: 'Session', name: 'SessionPolicy', version: '1' });
}

function decide(c: Case): { decision: Decision; principal: Principal; context: RequestContext } {
  if (c.trust !== undefined || c.trustStatements !== undefined) {
    const doc = c.trustStatements !== undefined ? fromStatements(c.trustStatements) : text(c.trust as Doc);
    const trust = compilePolicy(parsePolicy(doc, 'trust'), { type: 'AssumeRolePolicy', name: 'role/target', version: '1' });
    const caller = c.caller ?? { accountId: ACCOUNT, arn: DEFAULT_PRINCIPAL.arn, kind: 'user' as const };
    const context = c.context ?? {};
    const principal: Principal = { ...DEFAULT_PRINCIPAL, accountId: caller.accountId, arn: caller.arn };
    return { decision: evaluateTrust(trust, { principal: caller, context }), principal, context };
  }
  const request = c.request;
  if (request === undefined) throw new Error(`case '${c.name}' has no request`);
  const principal = { ...DEFAULT_PRINCIPAL, ...request.principal };
  const context = request.context ?? {};
  const resources = request.resources ?? [request.resource ?? '*'];
  const set = compilePolicySet(identityPolicies(c), sessionPolicy(c));
  return { decision: evaluate(set, { action: request.action, resources, principal, context }), principal, context };
}

function checkDecision(c: Case): void {
  const { decision, principal, context } = decide(c);
  const e = c.expect;
  if (e.decision !== undefined) expect(decision.type).toBe(e.decision);
  expect(decision.allowed).toBe(decision.type === 'Allow');
  if (e.policyType !== undefined) expect(decision.policyType).toBe(e.policyType);
  if (e.matched !== undefined) expect(decision.matched.map((m) => `${m.policy.name}#${m.statementIndex}`).sort()).toEqual([...e.matched].sort());
  if (e.resource !== undefined) expect(decision.resource).toBe(e.resource);
  if (e.explanation !== undefined) expect(explain(decision)).toContain(e.explanation);
  if (e.detail !== undefined || e.decoded !== undefined) {
    const detail = accessDeniedDetail(decision, principal, KEY, context);
    if (e.detail !== undefined) expect(detail).toMatchObject(e.detail);
    if (e.decoded !== undefined) expect(decodeDiagnosticMessage(detail.EncodedDiagnosticMessage, KEY)).toMatchObject(e.decoded);
  }
}

function checkValidation(c: Case): void {
  const v = c.validate as NonNullable<Case['validate']>;
  const doc = v.statements !== undefined ? fromStatements(v.statements) : text(v.document ?? '');
  if (c.expect.valid === true) {
    expect(() => parsePolicy(doc, v.kind)).not.toThrow();
    return;
  }
  let thrown: unknown;
  try {
    parsePolicy(doc, v.kind);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ApiError);
  const error = thrown as ApiError;
  expect(error.code).toBe(c.expect.error);
  if (c.expect.message !== undefined) expect(error.message).toContain(c.expect.message);
}

const casesDir = join(import.meta.dirname, '../../test/policy-cases');
const files = readdirSync(casesDir).filter((f) => f.endsWith('.json')).sort();

for (const file of files) {
  const { cases } = JSON.parse(readFileSync(join(casesDir, file), 'utf8')) as { cases: Case[] };
  describe(file, () => {
    for (const c of cases) it(c.name, () => (c.validate !== undefined ? checkValidation(c) : checkDecision(c)));
  });
}

it('the case table holds at least 200 cases', () => {
  const total = files.reduce((n, f) => n + (JSON.parse(readFileSync(join(casesDir, f), 'utf8')) as { cases: unknown[] }).cases.length, 0);
  expect(total).toBeGreaterThanOrEqual(200);
});
