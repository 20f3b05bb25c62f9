import { isoSeconds } from '../identity/time.js';
import type { Caller, RequestInfo } from '../services/action.js';

/** Decides whether a caller may perform an action on its resources; throws NoPermission when not. */
export interface Authorizer {
  authorize(caller: Caller, ramAction: string, resources: string[], request: RequestInfo): Promise<void>;
}

/** Condition keys every request carries (api-facts §3.4). A key the request does not have stays absent. */
export function requestConditionContext(caller: Caller, request: RequestInfo): Record<string, string | undefined> {
  return {
    'acs:sourceip': request.sourceIp,
    'acs:securetransport': request.secure ? 'true' : 'false',
    'acs:currenttime': isoSeconds(request.now),
    'acs:accessid': caller.accessKeyId ?? undefined,
    'acs:principalarn': caller.arn,
    'acs:useragent': request.userAgent,
    'acs:mfapresent': caller.kind === 'session' ? String(caller.claims.mfaPresent) : caller.kind === 'user' && caller.mfaPresent !== undefined ? String(caller.mfaPresent) : undefined,
  };
}

/** The account segment of a resource ARN (`acs:<svc>:<region>:<account>:<id>`). */
export function resourceAccount(arn: string): string | undefined {
  return arn.split(':')[3];
}

/** Root callers may do anything in their own account and nothing in another. */
export function rootMayAccess(caller: Caller, resources: string[]): boolean {
  return caller.kind === 'root' && resources.every((r) => {
    const account = resourceAccount(r);
    return r === '*' || account === caller.accountId || account === '*' || account === 'system';
  });
}

