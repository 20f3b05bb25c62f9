import { apiError } from '../../errors/catalogue.js';
import { checkUserName, defaultDomain } from '../../identity/index.js';
import type { Params } from '../action.js';
import { optional, required, type Ctx } from '../ram/users.js';

/**
 * IMS names users by UserPrincipalName, `<UserName>@<default domain>` (api-facts §2.15): at most 128
 * characters, the name part under the UserName rule. The name part is what RAM authorizes
 * (`user/<name>`); the domain must be the caller's account's default domain.
 */
export type UpnParam = 'UserPrincipalName' | 'NewUserPrincipalName';

export interface PrincipalName {
  userName: string;
  domain: string;
}

export function parsePrincipalName(param: UpnParam, upn: string): PrincipalName {
  const at = upn.lastIndexOf('@');
  const userName = upn.slice(0, at);
  const domain = upn.slice(at + 1);
  if (upn.length > 128 || at < 0 || domain === '' || checkUserName(userName) !== null) throw apiError(`InvalidParameter.${param}.Format`);
  return { userName, domain };
}

/** The user name a UPN parameter names, when given (synchronous: authorization needs it first). */
export function principalUserName(params: Params, param: UpnParam): string | undefined {
  const upn = optional(params, param);
  return upn === undefined ? undefined : parsePrincipalName(param, upn).userName;
}

/** The user name a required UserPrincipalName names. */
export const requiredPrincipalUserName = (params: Params): string =>
  parsePrincipalName('UserPrincipalName', required(params, 'UserPrincipalName')).userName;

/** The caller's account's default domain (`<alias or account ID>.onaliyun.com`). */
export async function accountDomain(ctx: Ctx): Promise<string> {
  const account = await ctx.store.db.selectFrom('accounts').select('alias').where('account_id', '=', ctx.caller.accountId).executeTakeFirst();
  return defaultDomain(ctx.caller.accountId, account?.alias ?? null);
}

/** Checks that a given UPN parameter is in the account's domain; returns that domain. */
export async function checkPrincipalDomain(ctx: Ctx, param: UpnParam): Promise<string> {
  const domain = await accountDomain(ctx);
  const upn = optional(ctx.params, param);
  if (upn !== undefined && parsePrincipalName(param, upn).domain.toLowerCase() !== domain) throw apiError(`InvalidParameter.${param}.Format`);
  return domain;
}

export const principalName = (userName: string, domain: string): string => `${userName}@${domain}`;
