import { ApiError, def } from './api-error.js';
import { gatewayErrors } from './gateway.js';

/** `The parameter X is wrongly formed.`: STS's wording for every malformed AssumeRole parameter (api-facts §1.7). */
const wronglyFormed = (name: string) => def(400, `The parameter ${name} is wrongly formed.`);

/**
 * Errors of STS (api-facts §1.7). The policy grammar/size codes live in policy.ts, EntityNotExist.Role
 * in ram.ts, NoPermission and the InvalidSecurityToken.* family in gateway.ts.
 */
export const stsErrors = {
  'InvalidParameter.RoleArn': wronglyFormed('RoleArn'),
  'InvalidParameter.RoleSessionName': wronglyFormed('RoleSessionName'),
  'InvalidParameter.ExternalId': wronglyFormed('ExternalId'),
  // No code is published for SourceIdentity; this follows the other parameters' pattern (docs/sts.md).
  'InvalidParameter.SourceIdentity': def(400, (why?: string) => why ?? 'The parameter SourceIdentity is wrongly formed.'),
  // The live message keeps the 1-hour wording whatever the role's maximum (api-facts §1.2).
  'InvalidParameter.DurationSeconds': def(400, 'The Min/Max value of DurationSeconds is 15min/1hr.'),
} as const;

/**
 * The one NoPermission whose message is not the generic one (api-facts §1.6): a root AccessKey
 * calling AssumeRole. Same code and status as the generic NoPermission, and no AccessDeniedDetail:
 * no policy was evaluated.
 */
export function rootMayNotAssumeRoles(): ApiError {
  return new ApiError('NoPermission', gatewayErrors.NoPermission.status, 'Roles may not be assumed by root accounts.');
}
