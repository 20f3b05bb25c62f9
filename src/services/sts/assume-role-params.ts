import { apiError } from '../../errors/catalogue.js';
import { parseRoleArn, type ParsedRoleArn } from '../../identity/arn.js';
import { parsePolicy } from '../../policy/index.js';
import type { Params } from '../action.js';

/** AssumeRole's parameter rules (api-facts §1.2). Everything here is checked before any policy is read. */

const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
// ':' is not in the alphabet, so the reserved prefixes `acs:`, `aliyun:` and `alibabacloud:` can never pass.
const SOURCE_IDENTITY = /^[\w+=,.@-]{2,64}$/;

export const DURATION = { min: 900, fallback: 3600, chainedMax: 3600 } as const;

export interface AssumeRoleRequest {
  role: ParsedRoleArn;
  sessionName: string;
  /** Undefined: the default (DURATION.fallback), which fits every role. */
  durationSeconds: number | undefined;
  sessionPolicy: string | undefined;
  externalId: string | undefined;
  sourceIdentity: string | undefined;
}

const given = (params: Params, name: string): string | undefined => {
  const value = params[name];
  return value === undefined || value === '' ? undefined : value;
};

function matching(params: Params, name: 'RoleSessionName' | 'ExternalId' | 'SourceIdentity', pattern: RegExp): string | undefined {
  const value = given(params, name);
  if (value !== undefined && !pattern.test(value)) throw apiError(`InvalidParameter.${name}`);
  return value;
}

/** Throws the parameter's InvalidParameter.* code; the gateway has answered MissingParameter already. */
export function readAssumeRoleParams(params: Params): AssumeRoleRequest {
  const role = parseRoleArn(params.RoleArn!);
  if (role === null) throw apiError('InvalidParameter.RoleArn');
  const sessionName = matching(params, 'RoleSessionName', SESSION_NAME)!;
  const rawDuration = given(params, 'DurationSeconds');
  // The upper bound depends on the role, checked once the caller is known to be trusted.
  const durationSeconds = rawDuration === undefined ? undefined : Number(rawDuration);
  if (durationSeconds !== undefined && durationSeconds < DURATION.min) throw apiError('InvalidParameter.DurationSeconds');
  const sessionPolicy = given(params, 'Policy');
  if (sessionPolicy !== undefined) parsePolicy(sessionPolicy, 'session');
  return {
    role,
    sessionName,
    durationSeconds,
    sessionPolicy,
    externalId: matching(params, 'ExternalId', EXTERNAL_ID),
    sourceIdentity: matching(params, 'SourceIdentity', SOURCE_IDENTITY),
  };
}

/** The longest session this caller may get from this role: role chaining is capped at one hour. */
export function maxDuration(roleMaxSessionDuration: number, chained: boolean): number {
  return chained ? Math.min(roleMaxSessionDuration, DURATION.chainedMax) : roleMaxSessionDuration;
}
