import type { ActionDef } from '../action.js';
import { assumeRole } from './assume-role.js';
import { getCallerIdentity } from './get-caller-identity.js';

/** STS 2015-04-01 actions. */
export const stsActions: ActionDef<any>[] = [assumeRole, getCallerIdentity];

export { StsRuntime } from './sts-runtime.js';
export { TemporaryCredentialResolver } from './temporary-credentials.js';
export { RateLimiter, parseRateLimits, withRateLimits } from './rate-limit.js';
