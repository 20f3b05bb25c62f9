import type { Selectable } from 'kysely';
import { apiError } from '../../errors/catalogue.js';
import { isoSeconds } from '../../identity/index.js';
import { hashPassword, verifyPassword } from '../../secrets/password.js';
import type { LoginProfilesTable } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import type { ActionDef, Params } from '../action.js';
import type { AppServices } from '../app-services.js';
import { findByNameIfAny, uniquely } from './access-common.js';
import { boolParam, declareAction } from './common.js';
import { meetsPasswordPolicy, passwordPolicyOf, securityPreferenceOf } from './account-settings.js';
import { optional, ramUserAction, required, userResource, type Ctx, type UserRow } from './users.js';

/**
 * Console login profiles of RAM users (api-facts §2.4): passwords are checked against the account's
 * password policy and kept only as scrypt hashes; no action ever returns one.
 */
export type LoginProfileRow = Selectable<LoginProfilesTable>;

export interface LoginProfileChange {
  password?: string;
  passwordResetRequired?: boolean;
  mfaBindRequired?: boolean;
}

/** Password and flags as given; absent ones stay undefined (create defaults the flags to false). */
export function readLoginProfileChange(params: Params): LoginProfileChange {
  const flag = (name: string) => (optional(params, name) === undefined ? undefined : boolParam(params, name, false));
  return { password: optional(params, 'Password'), passwordResetRequired: flag('PasswordResetRequired'), mfaBindRequired: flag('MFABindRequired') };
}

/** Earlier passwords kept whatever the policy says now: the most PasswordReusePrevention allows. */
const PASSWORD_HISTORY = 24;

type PasswordColumns = Pick<LoginProfileRow, 'password_hash' | 'password_changed_at' | 'previous_password_hashes'>;

function previousHashes(profile: PasswordColumns): string[] {
  const parsed: unknown = JSON.parse(profile.previous_password_hashes);
  return Array.isArray(parsed) ? parsed.filter((hash): hash is string => typeof hash === 'string') : [];
}

/**
 * The columns for a new password: it must satisfy the account's policy and, against the profile it
 * replaces, not be one of the last PasswordReusePrevention passwords — the current one counts, as
 * with AWS. The check applies to a user's ChangePassword and to an administrator's reset alike.
 */
async function newPassword(ctx: Ctx, password: string, replacing?: PasswordColumns): Promise<PasswordColumns> {
  const policy = await passwordPolicyOf(ctx.store.db, ctx.caller.accountId);
  if (!meetsPasswordPolicy(policy, password)) throw apiError('InvalidParameter.Password.TooWeak');
  const earlier = replacing ? [replacing.password_hash, ...previousHashes(replacing)] : [];
  const recent = earlier.slice(0, policy.PasswordReusePrevention);
  if ((await Promise.all(recent.map((hash) => verifyPassword(password, hash)))).some(Boolean)) throw apiError('InvalidParameter.Password.Reused');
  return {
    password_hash: await hashPassword(password),
    password_changed_at: isoSeconds(ctx.request.now),
    previous_password_hashes: JSON.stringify(earlier.slice(0, PASSWORD_HISTORY)),
  };
}

export async function createLoginProfile(ctx: Ctx, user: UserRow, change: LoginProfileChange): Promise<LoginProfileRow> {
  if (change.password === undefined) throw apiError('MissingParameter', 'Password');
  const now = isoSeconds(ctx.request.now);
  const row: LoginProfileRow = {
    user_id: user.user_id,
    account_id: user.account_id,
    ...(await newPassword(ctx, change.password)),
    password_reset_required: change.passwordResetRequired ? 1 : 0,
    mfa_bind_required: change.mfaBindRequired ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  await uniquely(apiError('EntityAlreadyExists.User.LoginProfile'), ctx.transaction((trx) => trx.insertInto('login_profiles').values(row).execute()));
  return row;
}

export async function getLoginProfile(ctx: Ctx, user: UserRow): Promise<LoginProfileRow> {
  const row = await ctx.store.db.selectFrom('login_profiles').selectAll().where('user_id', '=', user.user_id).executeTakeFirst();
  if (!row) throw apiError('EntityNotExist.User.LoginProfile');
  return row;
}

export async function updateLoginProfile(ctx: Ctx, user: UserRow, change: LoginProfileChange): Promise<LoginProfileRow> {
  const current = await getLoginProfile(ctx, user);
  const updated: LoginProfileRow = {
    ...current,
    ...(change.password !== undefined ? await newPassword(ctx, change.password, current) : {}),
    ...(change.passwordResetRequired !== undefined ? { password_reset_required: change.passwordResetRequired ? 1 : 0 } : {}),
    ...(change.mfaBindRequired !== undefined ? { mfa_bind_required: change.mfaBindRequired ? 1 : 0 } : {}),
    updated_at: isoSeconds(ctx.request.now),
  };
  const { user_id, account_id, created_at, ...changes } = updated;
  const written = await ctx.transaction((trx) => trx.updateTable('login_profiles').set(changes).where('user_id', '=', user_id).executeTakeFirst());
  // Deleted between the read and the write: answer as if it had never been there.
  if (written.numUpdatedRows === 0n) throw apiError('EntityNotExist.User.LoginProfile');
  return updated;
}

export async function deleteLoginProfile(ctx: Ctx, user: UserRow): Promise<void> {
  const deleted = await ctx.transaction((trx) => trx.deleteFrom('login_profiles').where('user_id', '=', user.user_id).executeTakeFirst());
  if (deleted.numDeletedRows === 0n) throw apiError('EntityNotExist.User.LoginProfile');
}

/**
 * A RAM user changes its own password. Allowed when the security preference lets users change their
 * password; when it does not, only a policy explicitly allowing ram:ChangePassword on the user does.
 * The new password clears PasswordResetRequired.
 */
const changePasswordHandler: ActionDef<AppServices>['handler'] = async (ctx) => {
  const caller = ctx.caller;
  // Root and role sessions have no RAM-user login profile to change.
  if (caller.kind !== 'user') throw apiError('NoPermission');
  const preference = await securityPreferenceOf(ctx.store.db, caller.accountId);
  if (!preference.AllowUserToChangePassword) await ctx.authorizeAlso('ram:ChangePassword', [userResource(caller.accountId, caller.userName)]);
  const profile = await ctx.store.db.selectFrom('login_profiles').selectAll().where('user_id', '=', caller.userId).executeTakeFirst();
  if (!profile) throw apiError('EntityNotExist.User.LoginProfile');
  if (!(await verifyPassword(required(ctx.params, 'OldPassword'), profile.password_hash))) throw apiError('InvalidParameter.OldPassword');
  const password = await newPassword(ctx, required(ctx.params, 'NewPassword'), profile);
  await ctx.transaction((trx) =>
    trx.updateTable('login_profiles').set({ ...password, password_reset_required: 0, updated_at: isoSeconds(ctx.request.now) }).where('user_id', '=', caller.userId).execute(),
  );
  return {};
};

export const changePasswordParams = {
  OldPassword: { type: 'string', required: true, secret: true },
  NewPassword: { type: 'string', required: true, secret: true },
} as const;

/** For the console: the RAM user when the password is right, else null (lockout is the console's job). */
export async function verifyUserPassword(
  store: Store,
  accountId: string,
  userName: string,
  password: string,
): Promise<{ user: UserRow; passwordResetRequired: boolean; mfaBindRequired: boolean; passwordChangedAt: string } | null> {
  const user = await findByNameIfAny(store.db, 'users', accountId, userName);
  if (!user) return null;
  const profile = await store.db.selectFrom('login_profiles').selectAll().where('user_id', '=', user.user_id).executeTakeFirst();
  if (!profile || !(await verifyPassword(password, profile.password_hash))) return null;
  return {
    user,
    passwordResetRequired: profile.password_reset_required === 1,
    mfaBindRequired: profile.mfa_bind_required === 1,
    passwordChangedAt: profile.password_changed_at ?? profile.created_at,
  };
}

function ramView(user: UserRow, row: LoginProfileRow): Record<string, unknown> {
  return {
    LoginProfile: {
      UserName: user.user_name,
      PasswordResetRequired: row.password_reset_required === 1,
      MFABindRequired: row.mfa_bind_required === 1,
      CreateDate: row.created_at,
    },
  };
}

const userParam = { UserName: { type: 'string', required: true } } as const;
const changeParams = {
  ...userParam,
  Password: { type: 'string', secret: true },
  PasswordResetRequired: { type: 'boolean' },
  MFABindRequired: { type: 'boolean' },
} as const;

export const loginProfileActions: ActionDef<AppServices>[] = [
  ramUserAction('CreateLoginProfile', 'write', { ...changeParams, Password: { type: 'string', required: true, secret: true } }, async (ctx, user) =>
    ramView(user, await createLoginProfile(ctx, user, readLoginProfileChange(ctx.params)))),
  ramUserAction('GetLoginProfile', 'read', userParam, async (ctx, user) => ramView(user, await getLoginProfile(ctx, user))),
  ramUserAction('UpdateLoginProfile', 'write', changeParams, async (ctx, user) => {
    await updateLoginProfile(ctx, user, readLoginProfileChange(ctx.params));
    return {};
  }),
  ramUserAction('DeleteLoginProfile', 'write', userParam, async (ctx, user) => {
    await deleteLoginProfile(ctx, user);
    return {};
  }),
  declareAction('Ram', 'ChangePassword', {
    access: 'write',
    params: changePasswordParams,
    authorization: 'handler',
    resources: (_params, caller) => [userResource(caller.accountId, caller.kind === 'user' ? caller.userName : '*')],
    handler: changePasswordHandler,
  }),
];
