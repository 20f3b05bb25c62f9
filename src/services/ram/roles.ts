import { apiError } from '../../errors/catalogue.js';
import { checkRoleName, isoSeconds, newRoleId, roleArn } from '../../identity/index.js';
import { parsePolicy, policyLimits } from '../../policy/index.js';
import type { ActionDef, Params } from '../action.js';
import {
  TEXT_LIMITS,
  findByName,
  insertWithinQuota,
  locksRows,
  optionalText,
  requireValidName,
  resource,
  withoutUpdateDate,
  type RoleRow,
} from './access-common.js';
import { announcePermissionChange, declareAction, fetchPage, readPage } from './common.js';

/**
 * RAM roles (api-facts §2.8). A role's name keeps the case it was created with, but it is unique
 * regardless of case and its ARN carries the lower-cased name, as Alibaba's live ARNs do
 * (docs/ram-access.md). Role lookups therefore ignore case, and so does policy matching of role ARNs.
 */

export const SESSION_DURATION = { min: 3600, max: 43200, fallback: 3600 } as const;

function roleView(role: RoleRow) {
  return {
    RoleId: role.role_id,
    RoleName: role.role_name,
    Arn: roleArn(role.account_id, role.role_name),
    Description: role.description ?? undefined,
    AssumeRolePolicyDocument: role.trust_policy,
    MaxSessionDuration: role.max_session_duration,
    CreateDate: role.created_at,
    UpdateDate: role.updated_at,
  };
}

/** Reads an optional duration; the gateway has already checked it is an integer. */
function duration(params: Params, param: 'MaxSessionDuration' | 'NewMaxSessionDuration'): number | undefined {
  const raw = params[param];
  if (raw === undefined || raw === '') return undefined;
  const seconds = Number(raw);
  if (seconds < SESSION_DURATION.min || seconds > SESSION_DURATION.max) throw apiError(`InvalidParameter.${param}.Range`);
  return seconds;
}

/** Validates a trust policy as STS will evaluate it; throws MalformedPolicyDocument or a length error. */
function trustPolicy(text: string, param: 'AssumeRolePolicyDocument' | 'NewAssumeRolePolicyDocument'): string {
  // parsePolicy names the CreateRole parameter in its length error; UpdateRole's has its own code.
  if (param === 'NewAssumeRolePolicyDocument' && text.length > policyLimits.trustChars) throw apiError('InvalidParameter.NewAssumeRolePolicyDocument.Length');
  parsePolicy(text, 'trust');
  return text;
}

const named = { RoleName: { type: 'string', required: true } } as const;
const byName = (p: Params, accountId: string) => [resource.role(accountId, p.RoleName!)];

const createRole = declareAction('Ram', 'CreateRole', {
  access: 'write',
  params: {
    ...named,
    AssumeRolePolicyDocument: { type: 'string', required: true },
    Description: { type: 'string' },
    MaxSessionDuration: { type: 'integer' },
  },
  resources: (_p, caller) => [resource.role(caller.accountId, '*')],
  async handler(ctx) {
    const { accountId } = ctx.caller;
    const name = ctx.params.RoleName!;
    requireValidName(checkRoleName, 'RoleName', name);
    const description = optionalText(ctx.params, 'Description', TEXT_LIMITS.description);
    const maxSessionDuration = duration(ctx.params, 'MaxSessionDuration') ?? SESSION_DURATION.fallback;
    const trust = trustPolicy(ctx.params.AssumeRolePolicyDocument!, 'AssumeRolePolicyDocument');
    const now = isoSeconds(ctx.request.now);
    const row: RoleRow = {
      role_id: newRoleId(),
      account_id: accountId,
      role_name: name,
      role_name_key: name.toLowerCase(),
      description: description ?? null,
      trust_policy: trust,
      max_session_duration: maxSessionDuration,
      created_at: now,
      updated_at: now,
    };
    await ctx.transaction((trx) => insertWithinQuota(trx, ctx.store, 'roles', row, name));
    return { Role: withoutUpdateDate(roleView(row)) };
  },
});

const getRole = declareAction('Ram', 'GetRole', {
  access: 'read',
  params: named,
  resources: (p, caller) => byName(p, caller.accountId),
  async handler(ctx) {
    return { Role: roleView(await findByName(ctx.store.db, 'roles', ctx.caller.accountId, ctx.params.RoleName!)) };
  },
});

const updateRole = declareAction('Ram', 'UpdateRole', {
  access: 'write',
  params: {
    ...named,
    NewAssumeRolePolicyDocument: { type: 'string' },
    NewMaxSessionDuration: { type: 'integer' },
    NewDescription: { type: 'string' },
  },
  resources: (p, caller) => byName(p, caller.accountId),
  async handler(ctx) {
    const { accountId } = ctx.caller;
    const newTrust = ctx.params.NewAssumeRolePolicyDocument ? trustPolicy(ctx.params.NewAssumeRolePolicyDocument, 'NewAssumeRolePolicyDocument') : undefined;
    const newDuration = duration(ctx.params, 'NewMaxSessionDuration');
    const newDescription = optionalText(ctx.params, 'NewDescription', TEXT_LIMITS.description);
    const updated = await ctx.transaction(async (trx) => {
      const role = await findByName(trx, 'roles', accountId, ctx.params.RoleName!, locksRows(ctx.store));
      const next: RoleRow = {
        ...role,
        ...(newTrust !== undefined ? { trust_policy: newTrust } : {}),
        ...(newDuration !== undefined ? { max_session_duration: newDuration } : {}),
        ...(newDescription !== undefined ? { description: newDescription } : {}),
        updated_at: isoSeconds(ctx.request.now),
      };
      await trx.updateTable('roles').set(next).where('role_id', '=', role.role_id).execute();
      return next;
    });
    // Who may assume the role (and for how long) changed.
    await announcePermissionChange(ctx.store, accountId);
    return { Role: roleView(updated) };
  },
});

const deleteRole = declareAction('Ram', 'DeleteRole', {
  access: 'write',
  params: named,
  resources: (p, caller) => byName(p, caller.accountId),
  async handler(ctx) {
    const { accountId } = ctx.caller;
    await ctx.transaction(async (trx) => {
      const role = await findByName(trx, 'roles', accountId, ctx.params.RoleName!, locksRows(ctx.store));
      const attached = await trx.selectFrom('policy_attachments').select('policy_name_key')
        .where('account_id', '=', accountId).where('principal_type', '=', 'Role').where('principal_id', '=', role.role_id).executeTakeFirst();
      if (attached !== undefined) throw apiError('DeleteConflict.Role.Policy');
      await trx.deleteFrom('roles').where('role_id', '=', role.role_id).execute();
    });
    // Sessions of the deleted role must stop being authorized by its cached policies.
    await announcePermissionChange(ctx.store, accountId);
    return {};
  },
});

const listRoles = declareAction('Ram', 'ListRoles', {
  access: 'read',
  params: { Marker: { type: 'string' }, MaxItems: { type: 'integer' } },
  resources: (_p, caller) => [resource.role(caller.accountId, '*')],
  async handler(ctx) {
    const page = readPage(ctx.params);
    const query = ctx.store.db.selectFrom('roles').selectAll().where('account_id', '=', ctx.caller.accountId);
    const { items, ...more } = await fetchPage(query, 'role_name_key', (r) => r.role_name_key, page);
    // The list never carries trust documents (§2.8).
    return { Roles: { Role: items.map((r) => ({ ...roleView(r), AssumeRolePolicyDocument: undefined })) }, ...more };
  },
});

export const roleActions: ActionDef[] = [createRole, getRole, updateRole, deleteRole, listRoles];
