import type { Selectable } from 'kysely';
import { apiError } from '../../errors/catalogue.js';
import { isoSeconds, newAccessKeyId, newAccessKeySecret, ramResource } from '../../identity/index.js';
import type { AccessKeysTable } from '../../store/schema.js';
import type { ActionDef, Caller, Params } from '../action.js';
import type { AppServices } from '../app-services.js';
import { ACCESS_KEY_SECRET_PURPOSE } from '../accounts/accounts.js';
import { lockAccount } from './access-common.js';
import { announceCredentialChange, declareAction } from './common.js';
import { required, resolveUser, targetUserName, userResource, type Ctx } from './users.js';

/**
 * Long-term AccessKeys of RAM users and of the account root (api-facts §2.5). The secret is returned
 * once, by CreateAccessKey, and kept sealed under the master key. Every status change or deletion is
 * announced so every node's key cache drops the key before its next request.
 */
export type AccessKeyRow = Selectable<AccessKeysTable>;

/** The key owner: a RAM user's ID, or null for the account root's own keys. */
export type KeyOwner = string | null;

/** Per user, and per root (ramstack keeps Alibaba's per-user limit for root keys too). */
export const MAX_ACCESS_KEYS = 2;

/**
 * What an AccessKey action is authorized on: the named user, a RAM user caller's own user, or for
 * the root without a user name its own keys. A role session must name the user.
 */
export function keyOwnerResource(caller: Caller, userName: string | undefined): string {
  if (userName !== undefined) return userResource(caller.accountId, userName);
  if (caller.kind === 'root') return ramResource(caller.accountId, 'root');
  throw apiError('MissingParameter', 'UserName');
}

export async function resolveKeyOwner(ctx: Ctx, ramAction: string, userName: string | undefined): Promise<KeyOwner> {
  if (userName !== undefined) return (await resolveUser(ctx, ramAction, userName)).user_id;
  if (ctx.caller.kind === 'root') return null;
  throw apiError('MissingParameter', 'UserName');
}

export async function createAccessKey(ctx: Ctx, owner: KeyOwner): Promise<{ row: AccessKeyRow; secret: string }> {
  const accountId = ctx.caller.accountId;
  const secret = newAccessKeySecret();
  const row: AccessKeyRow = {
    access_key_id: newAccessKeyId(),
    account_id: accountId,
    user_id: owner,
    secret_sealed: ctx.services.sealer.seal(secret, ACCESS_KEY_SECRET_PURPOSE),
    status: 'Active',
    created_at: isoSeconds(ctx.request.now),
    last_used_at: null,
  };
  await ctx.transaction(async (trx) => {
    await lockAccount(trx, ctx.store, accountId);
    const owned = await trx.selectFrom('access_keys').select((eb) => eb.fn.countAll().as('n'))
      .where('account_id', '=', accountId).where('user_id', owner === null ? 'is' : '=', owner).executeTakeFirstOrThrow();
    if (Number(owned.n) >= MAX_ACCESS_KEYS) throw apiError('LimitExceeded.User.AccessKey');
    await trx.insertInto('access_keys').values(row).execute();
  });
  return { row, secret };
}

export function listAccessKeys(ctx: Ctx, owner: KeyOwner): Promise<AccessKeyRow[]> {
  return ctx.store.db
    .selectFrom('access_keys')
    .selectAll()
    .where('account_id', '=', ctx.caller.accountId)
    .where('user_id', owner === null ? 'is' : '=', owner)
    .orderBy('created_at')
    .orderBy('access_key_id')
    .execute();
}

/** The owner's key, or EntityNotExist.User.AccessKey (also for a key of anyone else). */
export async function findAccessKey(ctx: Ctx, owner: KeyOwner, accessKeyId: string): Promise<AccessKeyRow> {
  const row = (await listAccessKeys(ctx, owner)).find((key) => key.access_key_id === accessKeyId);
  if (!row) throw apiError('EntityNotExist.User.AccessKey');
  return row;
}

export async function setAccessKeyStatus(ctx: Ctx, owner: KeyOwner, accessKeyId: string, status: string): Promise<void> {
  if (status !== 'Active' && status !== 'Inactive') throw apiError('InvalidParameter', 'Status');
  const key = await findAccessKey(ctx, owner, accessKeyId);
  await ctx.transaction((trx) => trx.updateTable('access_keys').set({ status }).where('access_key_id', '=', key.access_key_id).execute());
  await announceCredentialChange(ctx.store, { accessKeyId });
}

export async function deleteAccessKey(ctx: Ctx, owner: KeyOwner, accessKeyId: string): Promise<void> {
  const key = await findAccessKey(ctx, owner, accessKeyId);
  await ctx.transaction((trx) => trx.deleteFrom('access_keys').where('access_key_id', '=', key.access_key_id).execute());
  await announceCredentialChange(ctx.store, { accessKeyId });
}

export const createdKeyView = ({ row, secret }: { row: AccessKeyRow; secret: string }): Record<string, unknown> => ({
  AccessKey: { AccessKeyId: row.access_key_id, AccessKeySecret: secret, Status: row.status, CreateDate: row.created_at },
});

export const keyListView = (rows: AccessKeyRow[]): Record<string, unknown> => ({
  AccessKeys: { AccessKey: rows.map((row) => ({ AccessKeyId: row.access_key_id, Status: row.status, CreateDate: row.created_at })) },
});

/** LastUsedDate as the gateway recorded it; a key never used has none, so the field is left out. */
export const lastUsedView = (row: AccessKeyRow): Record<string, unknown> => ({
  AccessKeyLastUsed: row.last_used_at === null ? {} : { LastUsedDate: row.last_used_at },
});

const userNameParam = { UserName: { type: 'string' } } as const;
const keyParams = { ...userNameParam, UserAccessKeyId: { type: 'string', required: true } } as const;

/** A RAM AccessKey action on the named user, or the caller's own keys without UserName. */
function keyAction(name: string, access: 'read' | 'write', params: ActionDef['params'], run: (ctx: Ctx, owner: KeyOwner) => Promise<Record<string, unknown>>) {
  return declareAction('Ram', name, {
    access,
    params,
    resources: (p: Params, caller: Caller) => [keyOwnerResource(caller, targetUserName(p, caller))],
    handler: async (ctx) => run(ctx, await resolveKeyOwner(ctx, `ram:${name}`, targetUserName(ctx.params, ctx.caller))),
  });
}

export const accessKeyActions: ActionDef<AppServices>[] = [
  keyAction('CreateAccessKey', 'write', userNameParam, async (ctx, owner) => createdKeyView(await createAccessKey(ctx, owner))),
  keyAction('ListAccessKeys', 'read', userNameParam, async (ctx, owner) => keyListView(await listAccessKeys(ctx, owner))),
  keyAction('UpdateAccessKey', 'write', { ...keyParams, Status: { type: 'string', required: true } }, async (ctx, owner) => {
    await setAccessKeyStatus(ctx, owner, required(ctx.params, 'UserAccessKeyId'), required(ctx.params, 'Status'));
    return {};
  }),
  keyAction('DeleteAccessKey', 'write', keyParams, async (ctx, owner) => {
    await deleteAccessKey(ctx, owner, required(ctx.params, 'UserAccessKeyId'));
    return {};
  }),
  keyAction('GetAccessKeyLastUsed', 'read', keyParams, async (ctx, owner) =>
    lastUsedView(await findAccessKey(ctx, owner, required(ctx.params, 'UserAccessKeyId')))),
];
