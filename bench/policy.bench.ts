/**
 * Decision latency of the policy engine (issue 4), beside @cedar-policy/cedar-wasm deciding the same
 * requests under an equivalent Cedar policy set. `run()` returns the figures for bench/run.ts; run
 * directly (`npx tsx bench/policy.bench.ts`) it prints a JSON summary and a table.
 *
 * Method: decisions are timed in batches of BATCH consecutive requests (cycling through a mix of
 * allowed, implicitly and explicitly denied requests over six services) and each batch's mean is one
 * sample, because a single sub-microsecond call is below what the timer measures cleanly. Median and
 * p99 are over those samples.
 */
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { pathToFileURL } from 'node:url';
import {
  compilePolicy,
  compilePolicySet,
  evaluate,
  parsePolicy,
  PolicySetCache,
  type AuthzRequest,
  type CompiledPolicy,
  type Decision,
  type PolicySet,
} from '../src/policy/index.js';

const ACCOUNT = '1234567890123456';
const BATCH = 8;

/** One statement, written once and rendered both as RAM policy JSON and as a Cedar policy. */
interface StatementSpec {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
  sourceCidr?: string;
  mfa?: boolean;
  tag?: [string, string];
}

const S = (effect: 'Allow' | 'Deny', actions: string[], resources: string[], extra: Partial<StatementSpec> = {}): StatementSpec =>
  ({ effect, actions, resources, ...extra });
const RAM = `acs:ram:*:${ACCOUNT}`;

/** The realistic principal: 10 attached policies of 5 statements, wildcards and a few conditions. */
const PRINCIPAL_POLICIES: StatementSpec[][] = [
  [S('Allow', ['ram:Get*', 'ram:List*'], ['*']), S('Allow', ['ram:CreateUser', 'ram:UpdateUser'], [`${RAM}:user/*`]), S('Deny', ['ram:DeleteUser'], [`${RAM}:user/admin*`]), S('Allow', ['ram:*AccessKey*'], [`${RAM}:user/svc-*`], { mfa: true }), S('Allow', ['ram:AttachPolicyTo*'], [`${RAM}:user/*`, `${RAM}:policy/*`])],
  [S('Allow', ['ecs:Describe*'], ['*']), S('Allow', ['ecs:StartInstance', 'ecs:StopInstance'], [`acs:ecs:*:${ACCOUNT}:instance/*`], { tag: ['acs:ResourceTag/team', 'web'] }), S('Deny', ['ecs:DeleteInstance'], ['*']), S('Allow', ['ecs:RunInstances'], ['*'], { sourceCidr: '10.0.0.0/8' }), S('Allow', ['vpc:Describe*'], ['*'])],
  [S('Allow', ['oss:GetObject', 'oss:ListObjects'], ['acs:oss:*:*:app-logs/*']), S('Allow', ['oss:PutObject'], ['acs:oss:*:*:app-uploads/*'], { sourceCidr: '10.0.0.0/8' }), S('Deny', ['oss:DeleteBucket'], ['*']), S('Allow', ['oss:ListBuckets'], ['*']), S('Allow', ['oss:Get*'], ['acs:oss:*:*:public-*'])],
  [S('Allow', ['arms:Get*', 'arms:List*', 'arms:Search*'], ['*']), S('Allow', ['arms:CreateContact', 'arms:DeleteContact'], ['*'], { mfa: true }), S('Allow', ['xtrace:Get*'], ['*']), S('Deny', ['arms:DeleteTraceApp'], [`acs:arms:*:${ACCOUNT}:traceapp/prod-*`]), S('Allow', ['arms:*TraceApp*'], [`acs:arms:*:${ACCOUNT}:traceapp/*`])],
  [S('Allow', ['sts:AssumeRole'], [`acs:ram:*:${ACCOUNT}:role/deploy-*`]), S('Allow', ['sts:GetCallerIdentity'], ['*']), S('Deny', ['sts:AssumeRole'], [`acs:ram:*:${ACCOUNT}:role/admin*`]), S('Allow', ['ram:PassRole'], [`${RAM}:role/*`]), S('Allow', ['sts:AssumeRole'], [`acs:ram:*:${ACCOUNT}:role/ops-*`], { mfa: true })],
  [S('Allow', ['log:GetLogStoreLogs', 'log:GetIndex'], ['acs:log:*:*:project/app-*/logstore/*']), S('Allow', ['log:PostLogStoreLogs'], ['acs:log:*:*:project/app-*/logstore/*'], { sourceCidr: '10.0.0.0/8' }), S('Allow', ['log:List*'], ['*']), S('Deny', ['log:DeleteProject'], ['*']), S('Allow', ['cms:Describe*', 'cms:Get*'], ['*'])],
  [S('Allow', ['rds:Describe*'], ['*']), S('Allow', ['rds:ModifyDBInstance*'], [`acs:rds:*:${ACCOUNT}:dbinstance/app-*`], { tag: ['acs:ResourceTag/env', 'dev'] }), S('Deny', ['rds:DeleteDBInstance'], ['*']), S('Allow', ['rds:RestartDBInstance'], [`acs:rds:*:${ACCOUNT}:dbinstance/*`], { mfa: true }), S('Allow', ['rds:CreateBackup'], ['*'])],
  [S('Allow', ['kms:Decrypt', 'kms:Encrypt'], [`acs:kms:*:${ACCOUNT}:key/app-*`]), S('Allow', ['kms:List*', 'kms:Describe*'], ['*']), S('Deny', ['kms:ScheduleKeyDeletion'], ['*']), S('Allow', ['kms:GenerateDataKey'], ['*'], { sourceCidr: '10.0.0.0/8' }), S('Allow', ['kms:GetSecretValue'], [`acs:kms:*:${ACCOUNT}:secret/app/*`])],
  [S('Allow', ['cs:Describe*', 'cs:Get*'], ['*']), S('Allow', ['cs:ScaleCluster'], [`acs:cs:*:${ACCOUNT}:cluster/*`], { mfa: true }), S('Deny', ['cs:DeleteCluster'], ['*']), S('Allow', ['cr:Pull*', 'cr:Get*', 'cr:List*'], ['*']), S('Allow', ['cr:Push*'], [`acs:cr:*:${ACCOUNT}:repository/app/*`])],
  [S('Allow', ['actiontrail:LookupEvents'], ['*']), S('Allow', ['bss:Describe*'], ['*']), S('Deny', ['bss:Modify*'], ['*']), S('Allow', ['tag:List*', 'tag:Tag*'], ['*']), S('Allow', ['resourcemanager:List*'], ['*'])],
];

const CONTEXT = { 'acs:SourceIp': '10.1.2.3', 'acs:MFAPresent': 'false', 'acs:ResourceTag/team': 'web', 'acs:ResourceTag/env': 'dev' };
const REQUESTS: Array<{ action: string; resource: string }> = [
  { action: 'ram:GetUser', resource: `acs:ram::${ACCOUNT}:user/alice` },
  { action: 'ram:DeleteUser', resource: `acs:ram::${ACCOUNT}:user/admin-1` },
  { action: 'ram:CreateAccessKey', resource: `acs:ram::${ACCOUNT}:user/svc-ci` },
  { action: 'ecs:StartInstance', resource: `acs:ecs:cn-hangzhou:${ACCOUNT}:instance/i-123` },
  { action: 'ecs:DeleteInstance', resource: `acs:ecs:cn-hangzhou:${ACCOUNT}:instance/i-123` },
  { action: 'oss:GetObject', resource: 'acs:oss:*:*:app-logs/2025/01/01.log' },
  { action: 'oss:PutObject', resource: 'acs:oss:*:*:app-uploads/a.png' },
  { action: 'arms:SearchContact', resource: '*' },
  { action: 'arms:DeleteTraceApp', resource: `acs:arms:cn-hangzhou:${ACCOUNT}:traceapp/prod-api` },
  { action: 'sts:AssumeRole', resource: `acs:ram::${ACCOUNT}:role/deploy-web` },
  { action: 'log:PostLogStoreLogs', resource: 'acs:log:cn-hangzhou:*:project/app-web/logstore/access' },
  { action: 'kms:Decrypt', resource: `acs:kms:cn-hangzhou:${ACCOUNT}:key/app-db` },
  { action: 'cs:DeleteCluster', resource: `acs:cs:cn-hangzhou:${ACCOUNT}:cluster/c1` },
  { action: 'vpc:CreateVpc', resource: '*' },
  { action: 'ecs:RunInstances', resource: '*' },
  { action: 'bss:ModifyAccount', resource: '*' },
];

const PRINCIPAL = { type: 'SubUser' as const, accountId: ACCOUNT, arn: `acs:ram::${ACCOUNT}:user/alice`, displayName: '208000000000001' };
const AUTHZ_REQUESTS: AuthzRequest[] = REQUESTS.map((r) => ({ action: r.action, resources: [r.resource], principal: PRINCIPAL, context: CONTEXT }));

function ramDocument(statements: StatementSpec[]): string {
  return JSON.stringify({
    Version: '1',
    Statement: statements.map((s) => {
      const condition: Record<string, Record<string, string>> = {};
      if (s.sourceCidr !== undefined) condition.IpAddress = { 'acs:SourceIp': s.sourceCidr };
      if (s.mfa !== undefined) condition.Bool = { 'acs:MFAPresent': String(s.mfa) };
      if (s.tag !== undefined) condition.StringEquals = { [s.tag[0]]: s.tag[1] };
      return { Effect: s.effect, Action: s.actions, Resource: s.resources, ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}) };
    }),
  });
}

/** The same statement in Cedar. Actions are matched lower-cased, as RAM compares them case-insensitively. */
function cedarPolicy(s: StatementSpec): string {
  const anyOf = (attr: string, patterns: string[]) => `(${patterns.map((p) => `${attr} like "${p}"`).join(' || ')})`;
  const clauses = [anyOf('context.action', s.actions.map((a) => a.toLowerCase())), anyOf('context.resource', s.resources)];
  if (s.sourceCidr !== undefined) clauses.push(`context.sourceIp.isInRange(ip("${s.sourceCidr}"))`);
  if (s.mfa !== undefined) clauses.push(`context.mfa == ${s.mfa}`);
  if (s.tag !== undefined) clauses.push(`context.tags["${s.tag[0]}"] == "${s.tag[1]}"`);
  return `${s.effect === 'Allow' ? 'permit' : 'forbid'}(principal, action, resource) when { ${clauses.join(' && ')} };`;
}

function cedarCall(r: { action: string; resource: string }): cedar.StatefulAuthorizationCall {
  return {
    principal: { type: 'User', id: 'alice' },
    action: { type: 'Action', id: 'call' },
    resource: { type: 'Resource', id: r.resource },
    context: {
      action: r.action.toLowerCase(),
      resource: r.resource,
      sourceIp: { __extn: { fn: 'ip', arg: CONTEXT['acs:SourceIp'] } },
      mfa: CONTEXT['acs:MFAPresent'] === 'true',
      tags: { 'acs:ResourceTag/team': CONTEXT['acs:ResourceTag/team'], 'acs:ResourceTag/env': CONTEXT['acs:ResourceTag/env'] },
    },
    preparsedPolicySetId: 'principal',
    entities: [],
  };
}

export interface LatencyFigures {
  medianMicros: number;
  p99Micros: number;
  decisions: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

/** Times `decide(i)` over consecutive i in batches; returns per-decision median and p99 in µs. */
function measure(decide: (i: number) => unknown, samples: number, batch = BATCH): LatencyFigures {
  let sink = 0;
  for (let i = 0; i < samples * batch / 4; i++) sink += decide(i) === undefined ? 0 : 1; // warm-up
  const perDecision: number[] = new Array<number>(samples);
  let i = 0;
  for (let s = 0; s < samples; s++) {
    const start = process.hrtime.bigint();
    for (let b = 0; b < batch; b++) sink += decide(i++) === undefined ? 0 : 1;
    perDecision[s] = Number(process.hrtime.bigint() - start) / 1000 / batch;
  }
  if (sink < 0) console.log(sink); // keeps the calls observable
  perDecision.sort((a, b) => a - b);
  return { medianMicros: percentile(perDecision, 0.5), p99Micros: percentile(perDecision, 0.99), decisions: samples * batch };
}

/**
 * An account's custom policies as the store holds them: `count` distinct documents, by name. The
 * realistic principal's ten are among them.
 */
function accountDocuments(count: number): Map<string, string> {
  const documents = new Map<string, string>();
  PRINCIPAL_POLICIES.forEach((statements, i) => documents.set(`principal-${i}`, ramDocument(statements)));
  for (let i = documents.size; i < count; i++) {
    documents.set(`policy-${i}`, ramDocument([
      S('Allow', [`ecs:Describe${i}*`], [`acs:ecs:*:${ACCOUNT}:instance/i-${i}-*`]),
      S('Deny', [`oss:Delete${i}*`], [`acs:oss:*:*:bucket-${i}/*`]),
    ]));
  }
  return documents;
}

function compile(name: string, document: string): CompiledPolicy {
  return compilePolicy(parsePolicy(document, 'identity'), { type: 'Custom', name, version: 'v1', attachedTo: 'RamUser' });
}

/**
 * The decision path the gateway takes for an account holding `count` custom policies: a per-principal
 * cache lookup, then evaluate. A policy is compiled when first loaded and kept by name; a principal's
 * set is built on its first request. 1,000 principals each attach the realistic ten policies plus
 * one account policy of their own.
 */
function accountDecider(count: number): (i: number) => Decision {
  const documents = accountDocuments(count);
  const compiled = new Map<string, CompiledPolicy>();
  const load = (name: string) => {
    let policy = compiled.get(name);
    if (policy === undefined) compiled.set(name, policy = compile(name, documents.get(name) as string));
    return policy;
  };
  const cache = new PolicySetCache<string>(2_000);
  const principals = 1_000;
  const fillers = count - PRINCIPAL_POLICIES.length;
  const keys = Array.from({ length: principals }, (_, p) => `user-${p}`);
  const builders = keys.map((_, p) => (): PolicySet => compilePolicySet([
    ...PRINCIPAL_POLICIES.map((_, i) => load(`principal-${i}`)),
    load(`policy-${PRINCIPAL_POLICIES.length + (p * 997) % fillers}`),
  ]));
  return (i) => {
    const p = i % principals;
    return evaluate(cache.get(keys[p] as string, builders[p] as () => PolicySet), AUTHZ_REQUESTS[i % AUTHZ_REQUESTS.length] as AuthzRequest);
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/**
 * Both accounts are built first and measured in alternating rounds, so machine noise (other
 * processes, CPU frequency) falls on both alike; each figure is the median over its rounds.
 */
/**
 * The two account sizes alternate, round by round, and the ratio is the median of the per-round ratios:
 * each is taken between two measurements the machine's drifting speed treated alike.
 */
function accountScale(samples: number, rounds = 6): { small: LatencyFigures; large: LatencyFigures; ratio: number } {
  const small = accountDecider(1_000);
  const large = accountDecider(100_000);
  const smallRuns: LatencyFigures[] = [];
  const largeRuns: LatencyFigures[] = [];
  for (let r = 0; r < rounds; r++) {
    smallRuns.push(measure(small, Math.floor(samples / rounds)));
    largeRuns.push(measure(large, Math.floor(samples / rounds)));
  }
  const combine = (runs: LatencyFigures[]): LatencyFigures => ({
    medianMicros: median(runs.map((f) => f.medianMicros)),
    p99Micros: median(runs.map((f) => f.p99Micros)),
    decisions: runs.reduce((n, f) => n + f.decisions, 0),
  });
  const ratio = median(largeRuns.map((large, r) => large.medianMicros / smallRuns[r]!.medianMicros));
  return { small: combine(smallRuns), large: combine(largeRuns), ratio };
}

export interface PolicyBenchResult {
  principal: { policies: number; statements: number; requests: number };
  ramstack: LatencyFigures;
  cedarWasm: LatencyFigures & { version: string };
  /** cedar-wasm median / ramstack median. */
  speedupOverCedar: number;
  account1k: LatencyFigures;
  account100k: LatencyFigures;
  /** account100k median / account1k median, the median of the per-round ratios. */
  scaleRatio: number;
  /** Requests on which Cedar and ramstack decided differently (must be 0 for a fair comparison). */
  disagreements: number;
}

export function run(samples = 200_000): PolicyBenchResult {
  const compiled = PRINCIPAL_POLICIES.map((statements, i) => compile(`principal-${i}`, ramDocument(statements)));
  const set = compilePolicySet(compiled);
  const ramstack = measure((i) => evaluate(set, AUTHZ_REQUESTS[i % AUTHZ_REQUESTS.length] as AuthzRequest), samples);

  const cedarText = PRINCIPAL_POLICIES.flat().map(cedarPolicy).join('\n');
  const parsed = cedar.preparsePolicySet('principal', { staticPolicies: cedarText });
  if (parsed.type !== 'success') throw new Error(`Cedar policy set did not parse: ${JSON.stringify(parsed)}`);
  const calls = REQUESTS.map(cedarCall);
  const cedarAllows = (call: cedar.StatefulAuthorizationCall) => {
    const answer = cedar.statefulIsAuthorized(call);
    if (answer.type !== 'success') throw new Error(JSON.stringify(answer.errors));
    return answer.response.decision === 'allow';
  };
  const disagreements = REQUESTS.filter((_, i) =>
    cedarAllows(calls[i] as cedar.StatefulAuthorizationCall) !== (evaluate(set, AUTHZ_REQUESTS[i] as AuthzRequest) as Decision).allowed).length;
  const cedarWasm = { ...measure((i) => cedarAllows(calls[i % calls.length] as cedar.StatefulAuthorizationCall), Math.max(1_000, samples / 50), 1), version: cedar.getCedarVersion() };

  const { small: account1k, large: account100k, ratio: scaleRatio } = accountScale(samples);
  return {
    principal: { policies: PRINCIPAL_POLICIES.length, statements: PRINCIPAL_POLICIES.flat().length, requests: REQUESTS.length },
    ramstack,
    cedarWasm,
    speedupOverCedar: cedarWasm.medianMicros / ramstack.medianMicros,
    account1k,
    account100k,
    scaleRatio,
    disagreements,
  };
}

function table(r: PolicyBenchResult): string {
  const row = (name: string, f: LatencyFigures) => `${name.padEnd(34)} ${f.medianMicros.toFixed(3).padStart(9)} ${f.p99Micros.toFixed(3).padStart(9)}`;
  return [
    `${'decision'.padEnd(34)} ${'median µs'.padStart(9)} ${'p99 µs'.padStart(9)}`,
    row(`ramstack (${r.principal.policies}x5 statements)`, r.ramstack),
    row(`cedar-wasm ${r.cedarWasm.version}`, r.cedarWasm),
    row('ramstack, 1,000 policies in account', r.account1k),
    row('ramstack, 100,000 policies in account', r.account100k),
    `speed-up over cedar-wasm: ${r.speedupOverCedar.toFixed(0)}x; 100k/1k ratio: ${r.scaleRatio.toFixed(2)}; disagreements: ${r.disagreements}`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = run();
  console.log(JSON.stringify(result, null, 2));
  console.log(table(result));
}
