import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { ApiError } from '../errors/api-error.js';
import {
  compilePolicy,
  compilePolicySet,
  evaluate,
  explain,
  findSystemPolicy,
  parsePolicy,
  type CompiledPolicy,
  type PolicyKind,
  type PolicySource,
  type Principal,
  type RequestContext,
} from '../policy/index.js';

/**
 * `ramstack policy validate` and `ramstack policy simulate`: the policy engine from the command line,
 * with no server or store. Exit codes: 0 valid / allowed, 1 denied, 2 invalid input.
 */

export const EXIT = { ok: 0, denied: 1, invalid: 2 } as const;

/** Where the commands write and read; replaced in tests. */
export interface PolicyIo {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): string;
}

const processIo: PolicyIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path, 'utf8'),
};

/** Bad command-line input, reported with exit code 2. */
class InputError extends Error {}

function read(io: PolicyIo, path: string): string {
  try {
    return io.readFile(path);
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

/** Runs a command body, turning invalid input (bad files, bad policies) into exit code 2. */
function guarded(io: PolicyIo, body: () => number): number {
  try {
    return body();
  } catch (error) {
    if (error instanceof ApiError) io.err(`${error.code}: ${error.message}\n`);
    else if (error instanceof InputError) io.err(`error: ${error.message}\n`);
    else throw error;
    return EXIT.invalid;
  }
}

export function validateCommand(file: string, kind: PolicyKind, io: PolicyIo = processIo): number {
  return guarded(io, () => {
    const doc = parsePolicy(read(io, file), kind);
    io.out(`${file}: valid ${kind} policy (${doc.Statement.length} statement${doc.Statement.length === 1 ? '' : 's'})\n`);
    return EXIT.ok;
  });
}

/** `system:<Name>` names a system policy; anything else is a file holding a policy document. */
function loadIdentityPolicy(io: PolicyIo, ref: string): CompiledPolicy {
  if (ref.startsWith('system:')) {
    const system = findSystemPolicy(ref.slice('system:'.length));
    if (system === undefined) throw new InputError(`no system policy named ${ref.slice('system:'.length)}`);
    return compilePolicy(parsePolicy(system.document, 'identity'), { type: 'System', name: system.name, version: system.versionId });
  }
  const source: PolicySource = { type: 'Custom', name: basename(ref).replace(/\.json$/, ''), version: 'v1' };
  return compilePolicy(parsePolicy(read(io, ref), 'identity'), source);
}

/** `key=value` pairs; a key given several times becomes a multi-valued key. */
export function parseContext(pairs: readonly string[]): RequestContext {
  const context: Record<string, string | string[]> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new InputError(`--context expects key=value, got '${pair}'`);
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const existing = context[key];
    context[key] = existing === undefined ? value : [...(typeof existing === 'string' ? [existing] : existing), value];
  }
  return context;
}

/** A RAM user (`…:user/<name>`) or an assumed-role session (`…:assumed-role/<role>/<session>`). */
export function simulatedPrincipal(arn: string): Principal {
  const user = /^acs:ram::(\d+):user\/([^/]+)$/.exec(arn);
  if (user !== null) return { type: 'SubUser', accountId: user[1] as string, arn, displayName: user[2] as string };
  const role = /^acs:ram::(\d+):assumed-role\/([^/]+)\/([^/]+)$/.exec(arn);
  if (role !== null) return { type: 'AssumedRoleUser', accountId: role[1] as string, arn, displayName: `${role[2]}:${role[3]}` };
  throw new InputError(`--principal must be acs:ram::<account-id>:user/<name> or :assumed-role/<role>/<session>, got '${arn}'`);
}

export interface SimulateOptions {
  policy: string[];
  session?: string;
  action: string;
  resource: string[];
  context?: string[];
  principal: string;
  json?: boolean;
}

export function simulateCommand(options: SimulateOptions, io: PolicyIo = processIo): number {
  return guarded(io, () => {
    const identity = options.policy.map((ref) => loadIdentityPolicy(io, ref));
    const session = options.session === undefined ? undefined
      : compilePolicy(parsePolicy(read(io, options.session), 'session'), { type: 'Session', name: basename(options.session), version: '1' });
    const decision = evaluate(compilePolicySet(identity, session), {
      action: options.action,
      resources: options.resource,
      context: parseContext(options.context ?? []),
      principal: simulatedPrincipal(options.principal),
    });
    const explanation = explain(decision);
    if (options.json) io.out(`${JSON.stringify({ ...decision, explanation })}\n`);
    else io.out(`${decision.allowed ? 'ALLOWED' : `DENIED (${decision.type})`}\n${explanation}\n`);
    return decision.allowed ? EXIT.ok : EXIT.denied;
  });
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerPolicyCommands(program: import('commander').Command): void {
  const policy = program.command('policy').description('validate policy documents and simulate decisions, offline');

  const validate: Command = policy.command('validate')
    .description('check a policy document against the RAM policy grammar')
    .argument('<file>', 'policy document (JSON)')
    .addOption(new Option('--kind <kind>', 'which API would receive it').choices(['identity', 'trust', 'session']).default('identity'))
    .action((file: string, flags: { kind: PolicyKind }) => {
      process.exitCode = validateCommand(file, flags.kind);
    });

  const simulate: Command = policy.command('simulate')
    .description('decide a request against identity policies (and a session policy); exit 0 allowed, 1 denied, 2 invalid input')
    .requiredOption('--policy <file...>', 'identity policy documents, or system:<PolicyName>')
    .option('--session <file>', 'a session policy (STS AssumeRole Policy parameter)')
    .requiredOption('--action <action>', 'the action, e.g. ram:CreateUser')
    .requiredOption('--resource <arn>', 'a resource ARN; repeat for actions on several resources', collect)
    .option('--context <key=value>', 'a condition key, e.g. acs:SourceIp=10.0.0.1; repeat for more', collect)
    .option('--principal <arn>', 'the caller', 'acs:ram::1234567890123456:user/simulated')
    .option('--json', 'print the decision as JSON')
    .action((flags: SimulateOptions) => {
      process.exitCode = simulateCommand(flags);
    });

  // Usage errors (a missing --action, an unknown --kind) are invalid input too: exit 2, not commander's 1.
  for (const command of [validate, simulate]) {
    command.exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT.invalid));
  }
}
