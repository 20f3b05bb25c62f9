import { ApiError, type AccessDeniedDetail, type ErrorDef } from './api-error.js';
import { gatewayErrors } from './gateway.js';
import { policyErrors } from './policy.js';
import { ramErrors } from './ram.js';
import { ramUserErrors } from './ram-users.js';
import { stsErrors } from './sts.js';
import { armsErrors } from './arms.js';
import { auditErrors } from './audit.js';
import { consoleErrors } from './console.js';

/**
 * The error catalogue: every code ramstack answers with, its HTTP status and message template.
 * Each domain keeps its own table (gateway.ts, policy.ts, ram.ts, sts.ts, arms.ts, ...); this file
 * merges them. Throw with `apiError('EntityNotExist.Role')` or `apiError('MissingParameter', 'RoleArn')`.
 */
export const catalogue = {
  ...gatewayErrors,
  ...policyErrors,
  ...ramErrors,
  ...ramUserErrors,
  ...stsErrors,
  ...armsErrors,
  ...auditErrors,
  ...consoleErrors,
};

export type ErrorCode = keyof typeof catalogue;
type ArgsOf<C extends ErrorCode> = (typeof catalogue)[C] extends ErrorDef<infer A> ? A : never;

export function apiError<C extends ErrorCode>(code: C, ...args: ArgsOf<C>): ApiError {
  const entry = catalogue[code] as ErrorDef<ArgsOf<C>>;
  return new ApiError(code, entry.status, entry.message(...args));
}

/** A denial carrying Alibaba's AccessDeniedDetail. */
export function accessDenied(detail: AccessDeniedDetail, message?: string): ApiError {
  const entry = catalogue.NoPermission;
  return new ApiError('NoPermission', entry.status, message ?? entry.message(), detail);
}

export { ApiError, type AccessDeniedDetail };
