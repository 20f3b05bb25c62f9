import { isIP } from 'node:net';
import { apiError } from '../../errors/catalogue.js';
import type { RangedParam } from '../../errors/ram-users.js';
import { checkAccountAlias, ramResource } from '../../identity/index.js';
import type { Caller, Params, ParamSpec } from '../action.js';
import type { AppServices } from '../app-services.js';
import type { ActionDef } from '../action.js';
import { uniquely, type Db } from './access-common.js';
import { boolParam, declareAction } from './common.js';
import { optional, required, type Ctx } from './users.js';

/**
 * Account-level settings (api-facts §2.11): the alias, the password policy and the security
 * preference. Policy and preference are JSON in the accounts row; fields missing there (never set)
 * read as the defaults, and a Set* call changes only the fields it is given.
 */

export interface PasswordPolicy {
  MinimumPasswordLength: number;
  RequireLowercaseCharacters: boolean;
  RequireUppercaseCharacters: boolean;
  RequireNumbers: boolean;
  RequireSymbols: boolean;
  HardExpiry: boolean;
  MaxPasswordAge: number; // days, 0 = never expires
  PasswordReusePrevention: number; // 0 = off
  MaxLoginAttemps: number; // sic (Alibaba's spelling); failures per hour before a 1 h lock, 0 = unlimited
}

export interface SecurityPreference {
  EnableSaveMFATicket: boolean;
  AllowUserToChangePassword: boolean;
  AllowUserToManageAccessKeys: boolean;
  AllowUserToManageMFADevices: boolean;
  AllowUserToManagePublicKeys: boolean;
  LoginSessionDuration: number; // hours
  LoginNetworkMasks: string; // `;`-separated CIDRs, console login only; '' = anywhere
}

// MaxLoginAttemps 5 is ramstack's choice: Alibaba publishes the range (0–32), not the default.
export const DEFAULT_PASSWORD_POLICY: Readonly<PasswordPolicy> = {
  MinimumPasswordLength: 8,
  RequireLowercaseCharacters: false,
  RequireUppercaseCharacters: false,
  RequireNumbers: false,
  RequireSymbols: false,
  HardExpiry: false,
  MaxPasswordAge: 0,
  PasswordReusePrevention: 0,
  MaxLoginAttemps: 5,
};

export const DEFAULT_SECURITY_PREFERENCE: Readonly<SecurityPreference> = {
  EnableSaveMFATicket: false,
  AllowUserToChangePassword: true,
  AllowUserToManageAccessKeys: false,
  AllowUserToManageMFADevices: true,
  AllowUserToManagePublicKeys: false,
  LoginSessionDuration: 6,
  LoginNetworkMasks: '',
};

type Ranges<T> = { [K in keyof T as T[K] extends number ? K : never]: readonly [number, number] };

const PASSWORD_POLICY_RANGES: Ranges<PasswordPolicy> = {
  MinimumPasswordLength: [8, 32],
  MaxPasswordAge: [0, 1095],
  PasswordReusePrevention: [0, 24],
  MaxLoginAttemps: [0, 32],
};

const SECURITY_PREFERENCE_RANGES: Ranges<SecurityPreference> = { LoginSessionDuration: [1, 24] };

async function readSettings<T extends object>(db: Db, accountId: string, column: 'password_policy' | 'security_preference', defaults: Readonly<T>): Promise<T> {
  const row = await db.selectFrom('accounts').select(column).where('account_id', '=', accountId).executeTakeFirst();
  const stored = row?.[column];
  return { ...defaults, ...(stored ? (JSON.parse(stored) as Partial<T>) : {}) };
}

/** The account's password policy (for login profiles and the console). */
export function passwordPolicyOf(db: Db, accountId: string): Promise<PasswordPolicy> {
  return readSettings(db, accountId, 'password_policy', DEFAULT_PASSWORD_POLICY);
}

/** The account's security preference (ChangePassword, console session length and login networks). */
export function securityPreferenceOf(db: Db, accountId: string): Promise<SecurityPreference> {
  return readSettings(db, accountId, 'security_preference', DEFAULT_SECURITY_PREFERENCE);
}

/** Whether a password satisfies the policy's length and character-class rules. */
export function meetsPasswordPolicy(policy: PasswordPolicy, password: string): boolean {
  return (
    password.length >= policy.MinimumPasswordLength &&
    (!policy.RequireLowercaseCharacters || /[a-z]/.test(password)) &&
    (!policy.RequireUppercaseCharacters || /[A-Z]/.test(password)) &&
    (!policy.RequireNumbers || /[0-9]/.test(password)) &&
    (!policy.RequireSymbols || /[^A-Za-z0-9]/.test(password))
  );
}

/** Applies the given parameters over the current settings: booleans as booleans, integers in their range. */
function applyParams<T extends object>(params: Params, current: T, ranges: Ranges<T>): T {
  const next = { ...current } as Record<string, unknown>;
  for (const [field, value] of Object.entries(current)) {
    if (typeof value === 'boolean') next[field] = boolParam(params, field, value);
    if (typeof value !== 'number') continue;
    const given = optional(params, field);
    if (given === undefined) continue;
    const [min, max] = (ranges as Record<string, readonly [number, number]>)[field]!;
    const n = Number(given);
    if (n < min || n > max) throw apiError(`InvalidParameter.${field as RangedParam}.Range`, min, max);
    next[field] = n;
  }
  return next as T;
}

/** `;`-separated IPv4/IPv6 addresses or CIDR blocks (at most 40, as the console allows). */
function checkNetworkMasks(masks: string): void {
  if (masks === '') return;
  const entries = masks.split(';');
  const valid = entries.length <= 40 && entries.every((entry) => {
    const [address = '', prefix, extra] = entry.trim().split('/');
    const family = isIP(address);
    if (family === 0 || extra !== undefined) return false;
    return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
  });
  if (!valid) throw apiError('InvalidParameter.LoginNetworkMasks.Format');
}

function securityPreferenceView(p: SecurityPreference): Record<string, unknown> {
  return {
    SecurityPreference: {
      LoginProfilePreference: {
        EnableSaveMFATicket: p.EnableSaveMFATicket,
        LoginSessionDuration: p.LoginSessionDuration,
        LoginNetworkMasks: p.LoginNetworkMasks,
        AllowUserToChangePassword: p.AllowUserToChangePassword,
      },
      AccessKeyPreference: { AllowUserToManageAccessKeys: p.AllowUserToManageAccessKeys },
      MFAPreference: { AllowUserToManageMFADevices: p.AllowUserToManageMFADevices },
      PublicKeyPreference: { AllowUserToManagePublicKeys: p.AllowUserToManagePublicKeys },
    },
  };
}

/** Reads, changes and writes one settings column in one transaction, so concurrent Set* calls do not lose fields. */
async function updateSettings<T extends object>(ctx: Ctx, column: 'password_policy' | 'security_preference', defaults: Readonly<T>, change: (current: T) => T): Promise<T> {
  return ctx.transaction(async (trx) => {
    const next = change(await readSettings(trx, ctx.caller.accountId, column, defaults));
    await trx.updateTable('accounts').set({ [column]: JSON.stringify(next) }).where('account_id', '=', ctx.caller.accountId).execute();
    return next;
  });
}

async function setAccountAlias(ctx: Ctx, alias: string | null): Promise<void> {
  await uniquely(apiError('EntityAlreadyExists.AccountAlias'), ctx.transaction((trx) =>
    trx.updateTable('accounts').set({ alias }).where('account_id', '=', ctx.caller.accountId).execute(),
  ));
}

/** Account settings are authorized on `acs:ram:*:<account>:*` (api-facts §2.13). */
const accountResource = (_params: Params, caller: Caller) => [ramResource(caller.accountId, '*')];
const setting = (name: string, access: 'read' | 'write', params: Record<string, ParamSpec>, handler: ActionDef<AppServices>['handler']) =>
  declareAction('Ram', name, { access, params, resources: accountResource, handler });

const specs = (fields: object, ranges: object): Record<string, ParamSpec> =>
  Object.fromEntries(Object.keys(fields).map((f) => [f, { type: f in ranges ? 'integer' : typeof (fields as Record<string, unknown>)[f] === 'boolean' ? 'boolean' : 'string' }]));

export const accountSettingsActions: ActionDef<AppServices>[] = [
  setting('SetAccountAlias', 'write', { AccountAlias: { type: 'string', required: true } }, async (ctx) => {
    const alias = required(ctx.params, 'AccountAlias');
    if (alias.length < 3 || alias.length > 32) throw apiError('InvalidParameter.AccountAlias.Length', 3, 32);
    if (checkAccountAlias(alias) !== null) throw apiError('InvalidParameter.AccountAlias.Format');
    await setAccountAlias(ctx, alias);
    return {};
  }),
  // With no alias set, the account ID serves as the alias (the default domain is `<id>.onaliyun.com`).
  setting('GetAccountAlias', 'read', {}, async (ctx) => {
    const row = await ctx.store.db.selectFrom('accounts').select('alias').where('account_id', '=', ctx.caller.accountId).executeTakeFirst();
    return { AccountAlias: row?.alias ?? ctx.caller.accountId };
  }),
  setting('ClearAccountAlias', 'write', {}, async (ctx) => {
    await setAccountAlias(ctx, null);
    return {};
  }),
  setting('SetPasswordPolicy', 'write', specs(DEFAULT_PASSWORD_POLICY, PASSWORD_POLICY_RANGES), async (ctx) => {
    const policy = await updateSettings(ctx, 'password_policy', DEFAULT_PASSWORD_POLICY, (current) => applyParams(ctx.params, current, PASSWORD_POLICY_RANGES));
    return { PasswordPolicy: policy };
  }),
  setting('GetPasswordPolicy', 'read', {}, async (ctx) => ({ PasswordPolicy: await passwordPolicyOf(ctx.store.db, ctx.caller.accountId) })),
  setting('SetSecurityPreference', 'write', specs(DEFAULT_SECURITY_PREFERENCE, SECURITY_PREFERENCE_RANGES), async (ctx) => {
    // An empty LoginNetworkMasks is meaningful here: it lifts the restriction.
    const masks = ctx.params.LoginNetworkMasks;
    if (masks !== undefined) checkNetworkMasks(masks);
    const preference = await updateSettings(ctx, 'security_preference', DEFAULT_SECURITY_PREFERENCE, (current) => ({
      ...applyParams(ctx.params, current, SECURITY_PREFERENCE_RANGES),
      ...(masks !== undefined ? { LoginNetworkMasks: masks } : {}),
    }));
    return securityPreferenceView(preference);
  }),
  setting('GetSecurityPreference', 'read', {}, async (ctx) => securityPreferenceView(await securityPreferenceOf(ctx.store.db, ctx.caller.accountId))),
];
