import type { ActionDef } from '../action.js';
import type { AppServices } from '../app-services.js';
import { declareAction, readPage } from '../ram/common.js';
import {
  createUser, deleteUser, listUsers, pick, readUserAttributes, resolveUser, updateUser, userFields, userResource,
  type Ctx, type UserRow,
} from '../ram/users.js';
import { accountDomain, checkPrincipalDomain, principalName, principalUserName, requiredPrincipalUserName } from './principal-name.js';

/** IMS user actions: RAM's user operations, users named by UserPrincipalName, DisplayName 1–24. */
const DISPLAY_NAME_MAX = 24;
const ATTRIBUTES = ['DisplayName', 'MobilePhone', 'Email', 'Comments'] as const;
const FIELDS = ['UserId', 'UserPrincipalName', ...ATTRIBUTES, 'CreateDate', 'UpdateDate', 'LastLoginDate', 'ProvisionType'] as const;

function imsUser(row: UserRow, domain: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  // Every ramstack user is created through the API (no SCIM / CloudSSO provisioning).
  const fields = { ...userFields(row), UserPrincipalName: principalName(row.user_name, domain), ProvisionType: 'Manual' };
  return { User: { ...pick(fields, FIELDS), ...extra } };
}

const attributeParams = (prefix: '' | 'New') => Object.fromEntries(ATTRIBUTES.map((a) => [`${prefix}${a}`, { type: 'string' } as const]));
const upnParam = { UserPrincipalName: { type: 'string', required: true } } as const;

/** An IMS action on the user a UserPrincipalName names; `run` gets the user and the account's domain. */
function onUser(name: string, access: 'read' | 'write', params: ActionDef['params'], run: (ctx: Ctx, user: UserRow, domain: string) => Promise<Record<string, unknown>>) {
  return declareAction('Ims', name, {
    access,
    params,
    resources: (p, caller) => [userResource(caller.accountId, requiredPrincipalUserName(p))],
    handler: async (ctx) => {
      const domain = await checkPrincipalDomain(ctx, 'UserPrincipalName');
      return run(ctx, await resolveUser(ctx, `ram:${name}`, requiredPrincipalUserName(ctx.params)), domain);
    },
  });
}

export const imsUsers: ActionDef<AppServices>[] = [
  declareAction('Ims', 'CreateUser', {
    access: 'write',
    params: { ...upnParam, ...attributeParams(''), DisplayName: { type: 'string', required: true } },
    resources: (_params, caller) => [userResource(caller.accountId, '*')],
    handler: async (ctx) => {
      const domain = await checkPrincipalDomain(ctx, 'UserPrincipalName');
      const attributes = readUserAttributes(ctx.params, '', DISPLAY_NAME_MAX);
      return imsUser(await createUser(ctx, requiredPrincipalUserName(ctx.params), attributes), domain);
    },
  }),
  onUser('GetUser', 'read', upnParam, async (_ctx, user, domain) => imsUser(user, domain, { UserName: user.user_name })),
  onUser('UpdateUser', 'write', { ...upnParam, NewUserPrincipalName: { type: 'string' }, ...attributeParams('New') }, async (ctx, user, domain) => {
    await checkPrincipalDomain(ctx, 'NewUserPrincipalName');
    const attributes = readUserAttributes(ctx.params, 'New', DISPLAY_NAME_MAX);
    return imsUser(await updateUser(ctx, user, principalUserName(ctx.params, 'NewUserPrincipalName'), attributes), domain);
  }),
  onUser('DeleteUser', 'write', upnParam, async (ctx, user) => {
    await deleteUser(ctx, user);
    return {};
  }),
  declareAction('Ims', 'ListUsers', {
    access: 'read',
    params: { Marker: { type: 'string' }, MaxItems: { type: 'integer' } },
    resources: (_params, caller) => [userResource(caller.accountId, '*')],
    handler: async (ctx) => {
      const domain = await accountDomain(ctx);
      // IMS lists up to 1000 users a page by default (api-facts §2.15); every ramstack user is active.
      const { items, ...page } = await listUsers(ctx, readPage(ctx.params, 1000, 1000));
      return { ...page, Users: { User: items.map((row) => imsUser(row, domain, { Status: 'Active' }).User) } };
    },
  }),
];
