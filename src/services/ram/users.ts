import type { Selectable } from 'kysely';
import { apiError } from '../../errors/catalogue.js';
import type { LengthParam } from '../../errors/ram-users.js';
import { checkUserName, isoSeconds, newUserId, ramResource } from '../../identity/index.js';
import type { UsersTable } from '../../store/schema.js';
import type { ActionContext, ActionDef, Caller, Params } from '../action.js';
import type { AppServices } from '../app-services.js';
import { authorizeCanonical, countInAccount, findByName, lockAccount, requireValidName, uniquely } from './access-common.js';
import { announceCredentialChange, declareAction, fetchPage, readPage, type Page } from './common.js';

/**
 * RAM users: the rules and store operations every user-area action shares (RAM 2015-05-01 and IMS
 * 2019-08-15 adapt their parameters to these), and the RAM user actions themselves.
 */
export type UserRow = Selectable<UsersTable>;
export type Ctx = ActionContext<AppServices>;

// src/services/ims declares its actions through this module.

export const MAX_USERS_PER_ACCOUNT = 5000;

/** An optional parameter; the SDKs send empty strings for unset fields, which mean "not given". */
export function optional(params: Params, name: string): string | undefined {
  const value = params[name];
  return value === undefined || value === '' ? undefined : value;
}

/** A parameter the action declares as required (the gateway has already answered MissingParameter). */
export function required(params: Params, name: string): string {
  const value = optional(params, name);
  if (value === undefined) throw apiError('MissingParameter', name);
  return value;
}

export const userResource = (accountId: string, userName: string): string => ramResource(accountId, `user/${userName}`);

/** The user an action on "a user or the caller itself" targets: the named one, else a RAM user caller's own. */
export function targetUserName(params: Params, caller: Caller): string | undefined {
  return optional(params, 'UserName') ?? (caller.kind === 'user' ? caller.userName : undefined);
}

/**
 * The named user of the caller's account, found regardless of case ("ALICE" finds "alice") and
 * authorized again under its real name when the request spelled it differently (authorizeCanonical).
 */
export async function resolveUser(ctx: Ctx, ramAction: string, userName: string): Promise<UserRow> {
  const { accountId } = ctx.caller;
  const row = await findByName(ctx.store.db, 'users', accountId, userName);
  await authorizeCanonical(ctx, ramAction, [userResource(accountId, userName)], [userResource(accountId, row.user_name)]);
  return row;
}

export interface UserAttributes {
  displayName?: string;
  mobilePhone?: string;
  email?: string;
  comments?: string;
}

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MOBILE_PHONE = /^\d{1,4}-\d{1,20}$/; // `<country>-<number>`, e.g. 86-18688888888

function checkLength(param: LengthParam, value: string, max: number): void {
  if (value.length > max) throw apiError(`InvalidParameter.${param}.Length`);
}

/**
 * Reads DisplayName, MobilePhone, Email, Comments (or their `New…` forms). The DisplayName limit is the
 * interface's: 128 through RAM 2015-05-01, 24 through IMS (api-facts §2.2).
 */
export function readUserAttributes(params: Params, prefix: '' | 'New', displayNameMax: number): UserAttributes {
  const attributes: UserAttributes = {};
  const displayName = optional(params, `${prefix}DisplayName`);
  if (displayName !== undefined) {
    checkLength(`${prefix}DisplayName`, displayName, displayNameMax);
    if (CONTROL_CHARS.test(displayName)) throw apiError(`InvalidParameter.${prefix}DisplayName.InvalidChars`);
    attributes.displayName = displayName;
  }
  const mobilePhone = optional(params, `${prefix}MobilePhone`);
  if (mobilePhone !== undefined) {
    if (!MOBILE_PHONE.test(mobilePhone)) throw apiError(`InvalidParameter.${prefix}MobilePhone.Format`);
    attributes.mobilePhone = mobilePhone;
  }
  const email = optional(params, `${prefix}Email`);
  if (email !== undefined) {
    if (email.length > 128 || !EMAIL.test(email)) throw apiError(`InvalidParameter.${prefix}Email.Format`);
    attributes.email = email;
  }
  const comments = optional(params, `${prefix}Comments`);
  if (comments !== undefined) {
    checkLength(`${prefix}Comments`, comments, 128);
    attributes.comments = comments;
  }
  return attributes;
}

export async function createUser(ctx: Ctx, userName: string, attributes: UserAttributes): Promise<UserRow> {
  requireValidName(checkUserName, 'UserName', userName);
  const accountId = ctx.caller.accountId;
  const now = isoSeconds(ctx.request.now);
  const row: UserRow = {
    user_id: newUserId(),
    account_id: accountId,
    user_name: userName,
    user_name_key: userName.toLowerCase(),
    display_name: attributes.displayName ?? null,
    mobile_phone: attributes.mobilePhone ?? null,
    email: attributes.email ?? null,
    comments: attributes.comments ?? null,
    created_at: now,
    updated_at: now,
    last_login_at: null,
  };
  await uniquely(apiError('EntityAlreadyExists.User'), ctx.transaction(async (trx) => {
    await lockAccount(trx, ctx.store, accountId);
    if ((await countInAccount(trx, 'users', accountId)) >= MAX_USERS_PER_ACCOUNT) throw apiError('LimitExceeded.User');
    await trx.insertInto('users').values(row).execute();
  }));
  return row;
}

/** Renames (the UserId stays) and/or changes attributes. */
export async function updateUser(ctx: Ctx, user: UserRow, newUserName: string | undefined, attributes: UserAttributes): Promise<UserRow> {
  if (newUserName !== undefined) requireValidName(checkUserName, 'NewUserName', newUserName);
  const updated: UserRow = {
    ...user,
    ...(newUserName !== undefined ? { user_name: newUserName, user_name_key: newUserName.toLowerCase() } : {}),
    ...(attributes.displayName !== undefined ? { display_name: attributes.displayName } : {}),
    ...(attributes.mobilePhone !== undefined ? { mobile_phone: attributes.mobilePhone } : {}),
    ...(attributes.email !== undefined ? { email: attributes.email } : {}),
    ...(attributes.comments !== undefined ? { comments: attributes.comments } : {}),
    updated_at: isoSeconds(ctx.request.now),
  };
  const { user_id, account_id, created_at, last_login_at, ...changes } = updated;
  await uniquely(apiError('EntityAlreadyExists.User'), ctx.transaction((trx) => trx.updateTable('users').set(changes).where('user_id', '=', user_id).execute()));
  // Authenticated callers carry the user name (their ARN) in every node's key cache.
  if (updated.user_name !== user.user_name) await announceCredentialChange(ctx.store, { userId: user.user_id });
  return updated;
}

/** Deletes a user that no longer has anything attached (api-facts §2.3); checks and delete in one transaction. */
export async function deleteUser(ctx: Ctx, user: UserRow): Promise<void> {
  const id = user.user_id;
  await ctx.transaction(async (trx) => {
    const has = async (query: { executeTakeFirst(): Promise<unknown> }) => (await query.executeTakeFirst()) !== undefined;
    if (await has(trx.selectFrom('access_keys').select('access_key_id').where('user_id', '=', id))) throw apiError('DeleteConflict.User.AccessKey');
    if (await has(trx.selectFrom('login_profiles').select('user_id').where('user_id', '=', id))) throw apiError('DeleteConflict.User.LoginProfile');
    if (await has(trx.selectFrom('mfa_devices').select('serial_number').where('user_id', '=', id))) throw apiError('DeleteConflict.User.MFADevice');
    if (await has(trx.selectFrom('group_members').select('group_id').where('user_id', '=', id))) throw apiError('DeleteConflict.User.Group');
    const policies = trx.selectFrom('policy_attachments').select('principal_id').where('principal_type', '=', 'User').where('principal_id', '=', id);
    if (await has(policies)) throw apiError('DeleteConflict.User.Policy');
    await trx.deleteFrom('users').where('user_id', '=', id).execute();
  });
}

/** One page of the caller's users in name order; the marker is the last user's name key. */
export async function listUsers(ctx: Ctx, page: Page): Promise<{ items: UserRow[]; IsTruncated: boolean; Marker?: string }> {
  const query = ctx.store.db.selectFrom('users').selectAll().where('account_id', '=', ctx.caller.accountId);
  return fetchPage(query, 'user_name_key', (row) => row.user_name_key, page);
}

/** Copies the listed fields that have a value (Alibaba omits unset attributes). */
export function pick(source: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => source[f] !== null && source[f] !== undefined).map((f) => [f, source[f]]));
}

/** Every user attribute under its wire name; each response picks the fields its model has. */
export function userFields(row: UserRow): Record<string, unknown> {
  return {
    UserId: row.user_id,
    UserName: row.user_name,
    DisplayName: row.display_name,
    MobilePhone: row.mobile_phone,
    Email: row.email,
    Comments: row.comments,
    CreateDate: row.created_at,
    UpdateDate: row.updated_at,
    LastLoginDate: row.last_login_at,
  };
}

const ATTRIBUTES = ['DisplayName', 'MobilePhone', 'Email', 'Comments'] as const;
const CREATED = ['UserId', 'UserName', ...ATTRIBUTES, 'CreateDate'] as const;
const LISTED = [...CREATED, 'UpdateDate'] as const;
const DETAILED = [...LISTED, 'LastLoginDate'] as const;

/** A RAM action on the user named by UserName (authorized on that user, api-facts §2.13); `run` gets the user. */
export function ramUserAction(
  name: string,
  access: 'read' | 'write',
  params: ActionDef['params'],
  run: (ctx: Ctx, user: UserRow) => Promise<Record<string, unknown>>,
): ActionDef<AppServices> {
  return declareAction('Ram', name, {
    access,
    params,
    resources: (p, caller) => [userResource(caller.accountId, required(p, 'UserName'))],
    handler: async (ctx) => run(ctx, await resolveUser(ctx, `ram:${name}`, required(ctx.params, 'UserName'))),
  });
}

const userParam = { UserName: { type: 'string', required: true } } as const;
const ramAttributeParams = (prefix: '' | 'New') =>
  Object.fromEntries(ATTRIBUTES.map((a) => [`${prefix}${a}`, { type: 'string' } as const]));

export const userActions: ActionDef<AppServices>[] = [
  declareAction('Ram', 'CreateUser', {
    access: 'write',
    params: { ...userParam, ...ramAttributeParams('') },
    resources: (_params, caller) => [userResource(caller.accountId, '*')],
    handler: async (ctx) => {
      const row = await createUser(ctx, required(ctx.params, 'UserName'), readUserAttributes(ctx.params, '', 128));
      return { User: pick(userFields(row), CREATED) };
    },
  }),
  ramUserAction('GetUser', 'read', userParam, async (_ctx, user) => ({ User: pick(userFields(user), DETAILED) })),
  ramUserAction('UpdateUser', 'write', { ...userParam, NewUserName: { type: 'string' }, ...ramAttributeParams('New') }, async (ctx, user) => {
    const updated = await updateUser(ctx, user, optional(ctx.params, 'NewUserName'), readUserAttributes(ctx.params, 'New', 128));
    return { User: pick(userFields(updated), DETAILED) };
  }),
  ramUserAction('DeleteUser', 'write', userParam, async (ctx, user) => {
    await deleteUser(ctx, user);
    return {};
  }),
  declareAction('Ram', 'ListUsers', {
    access: 'read',
    params: { Marker: { type: 'string' }, MaxItems: { type: 'integer' } },
    resources: (_params, caller) => [userResource(caller.accountId, '*')],
    handler: async (ctx) => {
      const { items, ...page } = await listUsers(ctx, readPage(ctx.params));
      return { ...page, Users: { User: items.map((row) => pick(userFields(row), LISTED)) } };
    },
  }),
];
