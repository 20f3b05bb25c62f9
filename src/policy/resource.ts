import { compileWildcard, matchAll, type Matcher } from './wildcard.js';

/**
 * Resources are `acs:<service>:<region>:<account-id>:<relative-id>` (api-facts §3.2, §3.7).
 *   - service: case-insensitive, like actions;
 *   - region: an empty region in a policy means any region (`acs:ram::1:role/x` = `acs:ram:*:1:role/x`);
 *   - account-id and relative-id: case-sensitive, wildcards allowed;
 *   - except RAM role resources (`acs:ram:…:role/<name>`), matched case-insensitively, because Alibaba
 *     identifies roles by their lower-cased name (api-facts §2.8).
 * A request resource that is not an ARN (e.g. `*` for actions without resource-level authorization)
 * is matched against the whole pattern as a plain wildcard string.
 */

/** A request resource split once per request, so statements do not re-parse it. */
export interface RequestResource {
  raw: string;
  /** Undefined when the resource is not an `acs:` ARN. */
  arn?: { service: string; region: string; account: string; relative: string; ramRole: boolean };
}

interface ArnParts {
  service: string;
  region: string;
  account: string;
  relative: string;
}

function splitArn(text: string): ArnParts | undefined {
  if (!text.startsWith('acs:')) return undefined;
  const a = text.indexOf(':', 4);
  const b = a < 0 ? -1 : text.indexOf(':', a + 1);
  const c = b < 0 ? -1 : text.indexOf(':', b + 1);
  if (c < 0) return undefined;
  return { service: text.slice(4, a), region: text.slice(a + 1, b), account: text.slice(b + 1, c), relative: text.slice(c + 1) };
}

const isRamRole = (service: string, relative: string) => service === 'ram' && relative.startsWith('role/');

export function parseRequestResource(raw: string): RequestResource {
  const parts = splitArn(raw);
  if (parts === undefined) return { raw };
  const service = parts.service.toLowerCase();
  const ramRole = isRamRole(service, parts.relative);
  return {
    raw,
    arn: { service, region: parts.region, account: parts.account, ramRole, relative: ramRole ? parts.relative.toLowerCase() : parts.relative },
  };
}

export type ResourceMatcher = (resource: RequestResource) => boolean;

function compileResource(pattern: string): ResourceMatcher {
  if (pattern === '*') return () => true;
  const whole = compileWildcard(pattern);
  const parts = splitArn(pattern);
  if (parts === undefined) return (resource) => whole(resource.raw);
  const service = compileWildcard(parts.service.toLowerCase());
  const region = parts.region === '' ? matchAll : compileWildcard(parts.region);
  const account = compileWildcard(parts.account);
  const relative = compileWildcard(parts.relative);
  // Only consulted for RAM role resources, whose request side is already lower-cased.
  const roleRelative = service('ram') ? compileWildcard(parts.relative.toLowerCase()) : relative;
  return (resource) => {
    const arn = resource.arn;
    if (arn === undefined) return whole(resource.raw);
    return service(arn.service) && region(arn.region) && account(arn.account)
      && (arn.ramRole ? roleRelative(arn.relative) : relative(arn.relative));
  };
}

export function compileResources(patterns: readonly string[]): ResourceMatcher {
  const matchers = patterns.map(compileResource);
  if (matchers.length === 1) return matchers[0] as ResourceMatcher;
  return (resource) => {
    for (const matches of matchers) if (matches(resource)) return true;
    return false;
  };
}

/** The account a request resource belongs to, when it names one concretely. */
export function resourceAccount(resource: RequestResource): string | undefined {
  const account = resource.arn?.account;
  return account === undefined || account === '' || account === '*' ? undefined : account;
}
