import { operatorSpec, unsupportedOperatorReason } from './conditions/operators.js';
import { GrammarError } from './grammar-error.js';
import type { ConditionBlock, PolicyDocument, PolicyKind, PrincipalBlock, Statement } from './types.js';

/**
 * Checks a JSON value against the RAM policy grammar (api-facts §3.1, §3.3, §3.5) and returns it in
 * normalized form (every string-or-list element a list, condition values strings). Throws a
 * GrammarError naming the offending element. Element names, Effect values and operators are
 * case-sensitive, as Alibaba documents.
 */

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (value: Json): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ACTION = /^(\*|[A-Za-z0-9*?_.-]+:[A-Za-z0-9*?_.-]+)$/;
const RESOURCE = /^(\*|acs:[^:]+:[^:]*:[^:]*:.+)$/s;
const RAM_PRINCIPAL = /^acs:ram::\d+:(root|user\/[^/\s]+|role\/[^/\s]+)$/;
const SERVICE_PRINCIPAL = /^[A-Za-z0-9.-]+$/;
const FEDERATED_PRINCIPAL = /^acs:ram::\d+:(saml-provider|oidc-provider)\/[^/\s]+$/;

const principalForms: Record<keyof PrincipalBlock, { pattern: RegExp; expected: string }> = {
  RAM: { pattern: RAM_PRINCIPAL, expected: 'acs:ram::<account-id>:root, :user/<name> or :role/<name>' },
  Service: { pattern: SERVICE_PRINCIPAL, expected: 'a service name such as ecs.aliyuncs.com' },
  Federated: { pattern: FEDERATED_PRINCIPAL, expected: 'acs:ram::<account-id>:saml-provider/<name> or :oidc-provider/<name>' },
};

// `Sid` is outside Alibaba's grammar but common in documents written for AWS; it is accepted and
// ignored (api-facts §3.1 emulator default). `NotResource` is refused with its own message.
const STATEMENT_ELEMENTS: Record<PolicyKind, ReadonlySet<string>> = {
  identity: new Set(['Effect', 'Action', 'NotAction', 'Resource', 'Condition', 'Sid']),
  session: new Set(['Effect', 'Action', 'NotAction', 'Resource', 'Condition', 'Sid']),
  trust: new Set(['Effect', 'Action', 'NotAction', 'Principal', 'Condition', 'Sid']),
};

function misplacedElementReason(name: string, kind: PolicyKind): string {
  if (name === 'NotResource') return 'NotResource is not supported; list the resources in Resource';
  if (name === 'Principal') return 'Principal is only allowed in a role trust policy';
  if (name === 'Resource' && kind === 'trust') return 'Resource is not allowed in a role trust policy';
  return `unknown element '${name}' (element names are case-sensitive)`;
}

function stringList(value: Json, path: string, check: (item: string) => string | undefined): string[] {
  const items = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items)) throw new GrammarError(path, 'must be a string or a list of strings');
  if (items.length === 0) throw new GrammarError(path, 'must not be an empty list');
  return items.map((item, i) => {
    const itemPath = typeof value === 'string' ? path : `${path}[${i}]`;
    if (typeof item !== 'string') throw new GrammarError(itemPath, 'must be a string');
    const problem = check(item);
    if (problem !== undefined) throw new GrammarError(itemPath, problem);
    return item;
  });
}

const checkAction = (action: string) =>
  ACTION.test(action) ? undefined : `'${action}' is not an action of the form <service>:<ApiName> or *`;
const checkResource = (resource: string) =>
  RESOURCE.test(resource) ? undefined : `'${resource}' is not a resource of the form acs:<service>:<region>:<account-id>:<relative-id> or *`;

/** Condition values may be JSON strings, numbers or booleans; they are compared as strings. */
function conditionValue(value: Json, path: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new GrammarError(path, 'condition values must be strings, numbers or booleans');
}

function conditionBlock(value: Json, path: string): ConditionBlock {
  if (!isObject(value)) throw new GrammarError(path, 'must be an object of condition operators');
  const block: ConditionBlock = {};
  for (const [operator, keys] of Object.entries(value)) {
    const operatorPath = `${path}.${operator}`;
    const spec = operatorSpec(operator);
    if (spec === undefined) throw new GrammarError(operatorPath, unsupportedOperatorReason(operator));
    if (!isObject(keys) || Object.keys(keys).length === 0) {
      throw new GrammarError(operatorPath, 'must be an object of at least one condition key and its values');
    }
    // fromEntries defines own properties, so a key named "__proto__" stays a condition instead of
    // silently becoming the object's prototype (which would drop the condition and widen the policy).
    block[operator] = Object.fromEntries(Object.entries(keys).map(([key, raw]): [string, string[]] => {
      const keyPath = `${operatorPath}.${key}`;
      if (key === '') throw new GrammarError(operatorPath, 'condition keys must not be empty');
      const list = Array.isArray(raw) ? raw : [raw];
      if (list.length === 0) throw new GrammarError(keyPath, 'must not be an empty list');
      return [key, list.map((item, i) => {
        const itemPath = Array.isArray(raw) ? `${keyPath}[${i}]` : keyPath;
        const text = conditionValue(item, itemPath);
        const problem = spec.check(text);
        if (problem !== undefined) throw new GrammarError(itemPath, `${problem} (operator ${operator})`);
        return text;
      })];
    }));
  }
  return block;
}

function principalBlock(value: Json, path: string): PrincipalBlock {
  if (!isObject(value)) throw new GrammarError(path, 'must be an object with RAM, Service or Federated');
  const entries = Object.entries(value);
  if (entries.length === 0) throw new GrammarError(path, 'must name at least one of RAM, Service or Federated');
  const block: PrincipalBlock = {};
  for (const [name, raw] of entries) {
    if (!Object.hasOwn(principalForms, name)) throw new GrammarError(`${path}.${name}`, `unknown principal type '${name}' (expected RAM, Service or Federated)`);
    const form = principalForms[name as keyof PrincipalBlock];
    block[name as keyof PrincipalBlock] = stringList(raw, `${path}.${name}`, (item) =>
      form.pattern.test(item) ? undefined : `'${item}' is not ${form.expected}`);
  }
  return block;
}

function statement(value: Json, path: string, kind: PolicyKind): Statement {
  if (!isObject(value)) throw new GrammarError(path, 'must be an object');
  const allowed = STATEMENT_ELEMENTS[kind];
  for (const name of Object.keys(value)) {
    if (!allowed.has(name)) throw new GrammarError(path, misplacedElementReason(name, kind));
  }
  const { Effect, Action, NotAction, Resource, Condition, Principal, Sid } = value;
  if (Effect !== 'Allow' && Effect !== 'Deny') {
    throw new GrammarError(`${path}.Effect`, Effect === undefined ? 'Add an Effect element to the policy statement.' : "must be 'Allow' or 'Deny'");
  }
  if (Sid !== undefined && typeof Sid !== 'string') throw new GrammarError(`${path}.Sid`, 'must be a string');
  if (Action !== undefined && NotAction !== undefined) throw new GrammarError(path, 'Action and NotAction must not both be present.');
  if (Action === undefined && NotAction === undefined) throw new GrammarError(path, 'Add an Action or NotAction element to the policy statement.');
  const result: Statement = { Effect };
  if (Action !== undefined) result.Action = stringList(Action, `${path}.Action`, checkAction);
  if (NotAction !== undefined) result.NotAction = stringList(NotAction, `${path}.NotAction`, checkAction);
  if (kind === 'trust') {
    if (Principal === undefined) throw new GrammarError(path, 'Add a Principal element to the trust policy statement.');
    result.Principal = principalBlock(Principal, `${path}.Principal`);
  } else {
    if (Resource === undefined) throw new GrammarError(path, 'Add a Resource element to the policy statement.');
    result.Resource = stringList(Resource, `${path}.Resource`, checkResource);
  }
  if (Condition !== undefined) result.Condition = conditionBlock(Condition, `${path}.Condition`);
  return result;
}

export function validatePolicy(value: Json, kind: PolicyKind): PolicyDocument {
  if (!isObject(value)) throw new GrammarError('', 'The policy document must be a JSON object.');
  for (const name of Object.keys(value)) {
    if (name !== 'Version' && name !== 'Statement') throw new GrammarError('', `unknown element '${name}' (element names are case-sensitive)`);
  }
  if (value.Version === undefined) throw new GrammarError('Version', 'Add a Version element; its only valid value is "1".');
  if (value.Version !== '1') throw new GrammarError('Version', 'must be the string "1"');
  if (!Array.isArray(value.Statement)) {
    throw new GrammarError('Statement', value.Statement === undefined ? 'Add a Statement element to the policy document.' : 'must be a list of statements');
  }
  return { Version: '1', Statement: value.Statement.map((s, i) => statement(s, `Statement[${i}]`, kind)) };
}
