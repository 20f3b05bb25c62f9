import { apiError } from '../../errors/catalogue.js';
import { checkGroupName, isoSeconds, newGroupId } from '../../identity/index.js';
import type { ActionContext, ActionDef } from '../action.js';
import {
  LIMITS,
  TEXT_LIMITS,
  authorizeCanonical,
  findByName,
  insertWithinQuota,
  locksRows,
  optionalText,
  requireValidName,
  resource,
  uniquely,
  withoutUpdateDate,
  type GroupRow,
} from './access-common.js';
import { announcePermissionChange, declareAction, fetchPage, readPage } from './common.js';
import { resolveUser, userResource } from './users.js';

/** RAM user groups and their members (api-facts §2.7). */

const groupView = (g: GroupRow) => ({
  GroupId: g.group_id,
  GroupName: g.group_name,
  Comments: g.comments ?? undefined,
  CreateDate: g.created_at,
  UpdateDate: g.updated_at,
});

const named = { GroupName: { type: 'string', required: true } } as const;
const membership = { UserName: { type: 'string', required: true }, GroupName: { type: 'string', required: true } } as const;

const createGroup = declareAction('Ram', 'CreateGroup', {
  access: 'write',
  params: { ...named, Comments: { type: 'string' } },
  resources: (_p, caller) => [resource.group(caller.accountId, '*')],
  async handler(ctx) {
    const { accountId } = ctx.caller;
    const name = ctx.params.GroupName!;
    requireValidName(checkGroupName, 'GroupName', name);
    const comments = optionalText(ctx.params, 'Comments', TEXT_LIMITS.comments);
    const now = isoSeconds(ctx.request.now);
    const row: GroupRow = { group_id: newGroupId(), account_id: accountId, group_name: name, group_name_key: name.toLowerCase(), comments: comments ?? null, created_at: now, updated_at: now };
    await ctx.transaction((trx) => insertWithinQuota(trx, ctx.store, 'groups', row, name));
    return { Group: withoutUpdateDate(groupView(row)) };
  },
});

const getGroup = declareAction('Ram', 'GetGroup', {
  access: 'read',
  params: named,
  resources: (p, caller) => [resource.group(caller.accountId, p.GroupName!)],
  async handler(ctx) {
    const { accountId } = ctx.caller;
    const group = await findByName(ctx.store.db, 'groups', accountId, ctx.params.GroupName!);
    await authorizeCanonical(ctx, 'ram:GetGroup', [resource.group(accountId, ctx.params.GroupName!)], [resource.group(accountId, group.group_name)]);
    return { Group: groupView(group) };
  },
});

const updateGroup = declareAction('Ram', 'UpdateGroup', {
  access: 'write',
  params: { ...named, NewGroupName: { type: 'string' }, NewComments: { type: 'string' } },
  resources: (p, caller) => [resource.group(caller.accountId, p.GroupName!)],
  async handler(ctx) {
    const { accountId } = ctx.caller;
    const name = ctx.params.GroupName!;
    const newName = ctx.params.NewGroupName || undefined;
    if (newName !== undefined) requireValidName(checkGroupName, 'NewGroupName', newName);
    const newComments = optionalText(ctx.params, 'NewComments', TEXT_LIMITS.comments);
    const found = await findByName(ctx.store.db, 'groups', accountId, name);
    await authorizeCanonical(ctx, 'ram:UpdateGroup', [resource.group(accountId, name)], [resource.group(accountId, found.group_name)]);
    const updated = await ctx.transaction(async (trx) => {
      const group = await findByName(trx, 'groups', accountId, name, locksRows(ctx.store));
      const next: GroupRow = {
        ...group,
        ...(newName !== undefined ? { group_name: newName, group_name_key: newName.toLowerCase() } : {}),
        ...(newComments !== undefined ? { comments: newComments } : {}),
        updated_at: isoSeconds(ctx.request.now),
      };
      const write = trx.updateTable('groups').set(next).where('group_id', '=', group.group_id).execute();
      await uniquely(apiError('EntityAlreadyExists.Group', newName ?? name), write);
      return next;
    });
    return { Group: groupView(updated) };
  },
});

const deleteGroup = declareAction('Ram', 'DeleteGroup', {
  access: 'write',
  params: named,
  resources: (p, caller) => [resource.group(caller.accountId, p.GroupName!)],
  async handler(ctx) {
    const { accountId } = ctx.caller;
    const name = ctx.params.GroupName!;
    const found = await findByName(ctx.store.db, 'groups', accountId, name);
    await authorizeCanonical(ctx, 'ram:DeleteGroup', [resource.group(accountId, name)], [resource.group(accountId, found.group_name)]);
    await ctx.transaction(async (trx) => {
      const group = await findByName(trx, 'groups', accountId, name, locksRows(ctx.store));
      const member = await trx.selectFrom('group_members').select('user_id').where('group_id', '=', group.group_id).executeTakeFirst();
      if (member !== undefined) throw apiError('DeleteConflict.Group.User');
      const policy = await trx.selectFrom('policy_attachments').select('policy_name_key')
        .where('account_id', '=', accountId).where('principal_type', '=', 'Group').where('principal_id', '=', group.group_id).executeTakeFirst();
      if (policy !== undefined) throw apiError('DeleteConflict.Group.Policy');
      await trx.deleteFrom('groups').where('group_id', '=', group.group_id).execute();
    });
    return {};
  },
});

const listGroups = declareAction('Ram', 'ListGroups', {
  access: 'read',
  params: { Marker: { type: 'string' }, MaxItems: { type: 'integer' } },
  resources: (_p, caller) => [resource.group(caller.accountId, '*')],
  async handler(ctx) {
    // ListGroups documents MaxItems 1–100, the other lists 1–1000 (api-facts §2.1).
    const page = readPage(ctx.params, 100);
    const query = ctx.store.db.selectFrom('groups').selectAll().where('account_id', '=', ctx.caller.accountId);
    const { items, ...more } = await fetchPage(query, 'group_name_key', (g) => g.group_name_key, page);
    return { Groups: { Group: items.map(groupView) }, ...more };
  },
});

const listGroupsForUser = declareAction('Ram', 'ListGroupsForUser', {
  access: 'read',
  params: { UserName: { type: 'string', required: true } },
  resources: (p, caller) => [userResource(caller.accountId, p.UserName!)],
  async handler(ctx) {
    const user = await resolveUser(ctx, 'ram:ListGroupsForUser', ctx.params.UserName!);
    const rows = await ctx.store.db
      .selectFrom('group_members as m')
      .innerJoin('groups as g', 'g.group_id', 'm.group_id')
      .select(['g.group_id', 'g.group_name', 'g.comments', 'm.joined_at'])
      .where('m.user_id', '=', user.user_id)
      .orderBy('g.group_name_key')
      .execute();
    return { Groups: { Group: rows.map((r) => ({ GroupId: r.group_id, GroupName: r.group_name, Comments: r.comments ?? undefined, JoinDate: r.joined_at })) } };
  },
});

const listUsersForGroup = declareAction('Ram', 'ListUsersForGroup', {
  access: 'read',
  params: { ...named, Marker: { type: 'string' }, MaxItems: { type: 'integer' } },
  resources: (p, caller) => [resource.group(caller.accountId, p.GroupName!)],
  async handler(ctx) {
    const { accountId } = ctx.caller;
    const page = readPage(ctx.params);
    const group = await findByName(ctx.store.db, 'groups', accountId, ctx.params.GroupName!);
    await authorizeCanonical(ctx, 'ram:ListUsersForGroup', [resource.group(accountId, ctx.params.GroupName!)], [resource.group(accountId, group.group_name)]);
    const query = ctx.store.db
      .selectFrom('group_members as m')
      .innerJoin('users as u', 'u.user_id', 'm.user_id')
      .select(['u.user_name', 'u.user_name_key', 'u.display_name', 'm.joined_at'])
      .where('m.group_id', '=', group.group_id);
    const { items, ...more } = await fetchPage(query, 'u.user_name_key', (u) => u.user_name_key, page);
    return { Users: { User: items.map((u) => ({ UserName: u.user_name, DisplayName: u.display_name ?? undefined, JoinDate: u.joined_at })) }, ...more };
  },
});

/** AddUserToGroup and RemoveUserFromGroup: resolve both names, authorize both canonical ARNs. */
async function resolveMembership(ctx: ActionContext, ramAction: string) {
  const { accountId } = ctx.caller;
  const { UserName, GroupName } = ctx.params as { UserName: string; GroupName: string };
  const user = await findByName(ctx.store.db, 'users', accountId, UserName);
  const group = await findByName(ctx.store.db, 'groups', accountId, GroupName);
  await authorizeCanonical(ctx, ramAction,
    [userResource(accountId, UserName), resource.group(accountId, GroupName)],
    [userResource(accountId, user.user_name), resource.group(accountId, group.group_name)]);
  return { UserName, GroupName };
}

const membershipResources = (p: Record<string, string | undefined>, accountId: string) => [userResource(accountId, p.UserName!), resource.group(accountId, p.GroupName!)];

const addUserToGroup = declareAction('Ram', 'AddUserToGroup', {
  access: 'write',
  params: membership,
  resources: (p, caller) => membershipResources(p, caller.accountId),
  async handler(ctx) {
    const { accountId } = ctx.caller;
    const { UserName, GroupName } = await resolveMembership(ctx, 'ram:AddUserToGroup');
    await ctx.transaction(async (trx) => {
      // Locking the user serializes concurrent joins, so the per-user group quota holds.
      const user = await findByName(trx, 'users', accountId, UserName, locksRows(ctx.store));
      const group = await findByName(trx, 'groups', accountId, GroupName);
      const joined = await trx.selectFrom('group_members').select('group_id').where('user_id', '=', user.user_id).execute();
      if (joined.some((m) => m.group_id === group.group_id)) throw apiError('EntityAlreadyExists.User.Group', GroupName);
      if (joined.length >= LIMITS.groupsPerUser) throw apiError('LimitExceeded.User.Group');
      const row = { group_id: group.group_id, user_id: user.user_id, account_id: accountId, joined_at: isoSeconds(ctx.request.now) };
      await uniquely(apiError('EntityAlreadyExists.User.Group', GroupName), trx.insertInto('group_members').values(row).execute());
    });
    await announcePermissionChange(ctx.store, accountId);
    return {};
  },
});

const removeUserFromGroup = declareAction('Ram', 'RemoveUserFromGroup', {
  access: 'write',
  params: membership,
  resources: (p, caller) => membershipResources(p, caller.accountId),
  async handler(ctx) {
    const { accountId } = ctx.caller;
    const { UserName, GroupName } = await resolveMembership(ctx, 'ram:RemoveUserFromGroup');
    await ctx.transaction(async (trx) => {
      const user = await findByName(trx, 'users', accountId, UserName);
      const group = await findByName(trx, 'groups', accountId, GroupName);
      const removed = await trx.deleteFrom('group_members').where('group_id', '=', group.group_id).where('user_id', '=', user.user_id).executeTakeFirst();
      if (Number(removed.numDeletedRows) === 0) throw apiError('EntityNotExist.User.Group', GroupName);
    });
    await announcePermissionChange(ctx.store, accountId);
    return {};
  },
});

export const groupActions: ActionDef[] = [
  createGroup,
  getGroup,
  updateGroup,
  deleteGroup,
  listGroups,
  listGroupsForUser,
  listUsersForGroup,
  addUserToGroup,
  removeUserFromGroup,
];
