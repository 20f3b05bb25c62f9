import { apiError } from '../../errors/catalogue.js';
import { findSystemPolicy } from '../../policy/index.js';
import { isoSeconds, roleArn } from '../../identity/index.js';
import type { ActionContext, ActionDef, Params } from '../action.js';
import { LIMITS, authorizeCanonical, findByName, locksRows, resource, type Db, type NamedRow, type NamedTable } from './access-common.js';
import { announcePermissionChange, declareAction } from './common.js';
import { policyTypeParam, requestedPolicyResource, resolvePolicy, type PolicyType } from './policies.js';
import { userResource } from './users.js';

/**
 * Policy attachments (api-facts §2.10). The User, Group and Role variants of Attach, Detach and
 * ListPoliciesFor differ only in the principal, so they are generated from one table of principals.
 */

interface Principal {
  id: string;
  name: string;
}

interface PrincipalKind {
  type: 'User' | 'Group' | 'Role';
  param: 'UserName' | 'GroupName' | 'RoleName';
  find(db: Db, accountId: string, name: string, lock?: boolean): Promise<Principal>;
  resource(accountId: string, name: string): string;
}

/** Adapts the entity lookup to the id and canonical name attachments need of a principal. */
const principalFinder =
  <T extends NamedTable>(table: T, view: (row: NamedRow<T>) => Principal): PrincipalKind['find'] =>
  async (db, accountId, name, lock) => view(await findByName(db, table, accountId, name, lock));

const PRINCIPALS: readonly PrincipalKind[] = [
  { type: 'User', param: 'UserName', find: principalFinder('users', (u) => ({ id: u.user_id, name: u.user_name })), resource: userResource },
  { type: 'Group', param: 'GroupName', find: principalFinder('groups', (g) => ({ id: g.group_id, name: g.group_name })), resource: resource.group },
  { type: 'Role', param: 'RoleName', find: principalFinder('roles', (r) => ({ id: r.role_id, name: r.role_name })), resource: resource.role },
];

/** Quotas per principal and policy type (§2.2). */
const PER_ENTITY: Readonly<Record<PolicyType, number>> = { System: LIMITS.systemPoliciesPerEntity, Custom: LIMITS.customPoliciesPerEntity };

const principalName = (kind: PrincipalKind, params: Params) => params[kind.param]!;

/** Finds the principal named by the request and authorizes its canonical ARN. */
async function resolvePrincipal(ctx: ActionContext, kind: PrincipalKind, ramAction: string): Promise<Principal> {
  const { accountId } = ctx.caller;
  const name = principalName(kind, ctx.params);
  const principal = await kind.find(ctx.store.db, accountId, name);
  await authorizeCanonical(ctx, ramAction, [kind.resource(accountId, name)], [kind.resource(accountId, principal.name)]);
  return principal;
}

function attachmentActions(kind: PrincipalKind): ActionDef[] {
  const attachParams = { PolicyType: { type: 'string', required: true }, PolicyName: { type: 'string', required: true }, [kind.param]: { type: 'string', required: true } } as const;
  const resources = (p: Params, accountId: string) => [
    kind.resource(accountId, principalName(kind, p)),
    requestedPolicyResource(policyTypeParam(p), p.PolicyName!, accountId),
  ];

  /** Both names resolved and authorized on their canonical ARNs, before any write. */
  async function resolveBoth(ctx: ActionContext, ramAction: string) {
    const type = policyTypeParam(ctx.params);
    const policy = await resolvePolicy(ctx, ramAction, type, ctx.params.PolicyName!);
    await resolvePrincipal(ctx, kind, ramAction);
    return { type, policy };
  }

  const attach = declareAction('Ram', `AttachPolicyTo${kind.type}`, {
    access: 'write',
    params: attachParams,
    resources: (p, caller) => resources(p, caller.accountId),
    async handler(ctx) {
      const { accountId } = ctx.caller;
      const { type, policy } = await resolveBoth(ctx, `ram:AttachPolicyTo${kind.type}`);
      await ctx.transaction(async (trx) => {
        // Locking the principal serializes concurrent attachments, so the per-entity quota holds.
        const principal = await kind.find(trx, accountId, principalName(kind, ctx.params), locksRows(ctx.store));
        const attached = await trx.selectFrom('policy_attachments').select('policy_name_key')
          .where('account_id', '=', accountId).where('principal_type', '=', kind.type).where('principal_id', '=', principal.id).where('policy_type', '=', type)
          .execute();
        if (attached.some((a) => a.policy_name_key === policy.nameKey)) throw apiError(`EntityAlreadyExists.${kind.type}.Policy`, policy.summary.PolicyName);
        if (attached.length >= PER_ENTITY[type]) throw apiError(`LimitExceeded.${kind.type}.Policy`);
        await trx.insertInto('policy_attachments').values({
          account_id: accountId,
          principal_type: kind.type,
          principal_id: principal.id,
          policy_type: type,
          policy_name_key: policy.nameKey,
          attached_at: isoSeconds(ctx.request.now),
        }).execute();
      });
      await announcePermissionChange(ctx.store, accountId);
      return {};
    },
  });

  const detach = declareAction('Ram', `DetachPolicyFrom${kind.type}`, {
    access: 'write',
    params: attachParams,
    resources: (p, caller) => resources(p, caller.accountId),
    async handler(ctx) {
      const { accountId } = ctx.caller;
      const { type, policy } = await resolveBoth(ctx, `ram:DetachPolicyFrom${kind.type}`);
      await ctx.transaction(async (trx) => {
        const principal = await kind.find(trx, accountId, principalName(kind, ctx.params));
        const removed = await trx.deleteFrom('policy_attachments')
          .where('account_id', '=', accountId).where('principal_type', '=', kind.type).where('principal_id', '=', principal.id)
          .where('policy_type', '=', type).where('policy_name_key', '=', policy.nameKey)
          .executeTakeFirst();
        if (Number(removed.numDeletedRows) === 0) throw apiError(`EntityNotExist.${kind.type}.Policy`, policy.summary.PolicyName);
      });
      await announcePermissionChange(ctx.store, accountId);
      return {};
    },
  });

  const list = declareAction('Ram', `ListPoliciesFor${kind.type}`, {
    access: 'read',
    params: { [kind.param]: { type: 'string', required: true } },
    resources: (p, caller) => [kind.resource(caller.accountId, principalName(kind, p))],
    async handler(ctx) {
      const { accountId } = ctx.caller;
      const principal = await resolvePrincipal(ctx, kind, `ram:ListPoliciesFor${kind.type}`);
      const rows = await ctx.store.db
        .selectFrom('policy_attachments as a')
        .leftJoin('policies as p', (join) => join.onRef('p.account_id', '=', 'a.account_id').onRef('p.policy_name_key', '=', 'a.policy_name_key').on('a.policy_type', '=', 'Custom'))
        .select(['a.policy_type', 'a.policy_name_key', 'a.attached_at', 'p.policy_name', 'p.description', 'p.default_version'])
        .where('a.account_id', '=', accountId).where('a.principal_type', '=', kind.type).where('a.principal_id', '=', principal.id)
        .orderBy('a.attached_at').orderBy('a.policy_name_key')
        .execute();
      const policies = rows.flatMap((r) => {
        const system = r.policy_type === 'System' ? findSystemPolicy(r.policy_name_key) : undefined;
        if (system !== undefined) {
          return [{ PolicyName: system.name, PolicyType: 'System', Description: system.description, DefaultVersion: system.versionId, AttachDate: r.attached_at }];
        }
        // Policies must be detached before they are deleted, so a custom row is always there.
        if (r.policy_name === null || r.default_version === null) return [];
        return [{ PolicyName: r.policy_name, PolicyType: 'Custom', Description: r.description ?? undefined, DefaultVersion: r.default_version, AttachDate: r.attached_at }];
      });
      return { Policies: { Policy: policies } };
    },
  });

  return [attach, detach, list];
}

const listEntitiesForPolicy = declareAction('Ram', 'ListEntitiesForPolicy', {
  access: 'read',
  params: { PolicyType: { type: 'string', required: true }, PolicyName: { type: 'string', required: true } },
  resources: (p, caller) => [requestedPolicyResource(policyTypeParam(p), p.PolicyName!, caller.accountId)],
  async handler(ctx) {
    const { accountId } = ctx.caller;
    const type = policyTypeParam(ctx.params);
    const policy = await resolvePolicy(ctx, 'ram:ListEntitiesForPolicy', type, ctx.params.PolicyName!);
    const attachments = (principalType: PrincipalKind['type']) => ctx.store.db.selectFrom('policy_attachments as a')
      .where('a.account_id', '=', accountId).where('a.policy_type', '=', type).where('a.policy_name_key', '=', policy.nameKey)
      .where('a.principal_type', '=', principalType);
    const [users, groups, roles] = await Promise.all([
      attachments('User').innerJoin('users as u', 'u.user_id', 'a.principal_id')
        .select(['u.user_id', 'u.user_name', 'u.display_name', 'a.attached_at']).orderBy('u.user_name_key').execute(),
      attachments('Group').innerJoin('groups as g', 'g.group_id', 'a.principal_id')
        .select(['g.group_name', 'g.comments', 'a.attached_at']).orderBy('g.group_name_key').execute(),
      attachments('Role').innerJoin('roles as r', 'r.role_id', 'a.principal_id')
        .select(['r.role_id', 'r.role_name', 'r.description', 'a.attached_at']).orderBy('r.role_name_key').execute(),
    ]);
    return {
      Users: { User: users.map((u) => ({ UserId: u.user_id, UserName: u.user_name, DisplayName: u.display_name ?? undefined, AttachDate: u.attached_at })) },
      Groups: { Group: groups.map((g) => ({ GroupName: g.group_name, Comments: g.comments ?? undefined, AttachDate: g.attached_at })) },
      Roles: { Role: roles.map((r) => ({ RoleId: r.role_id, RoleName: r.role_name, Arn: roleArn(accountId, r.role_name), Description: r.description ?? undefined, AttachDate: r.attached_at })) },
    };
  },
});

export const attachmentActionList: ActionDef[] = [...PRINCIPALS.flatMap(attachmentActions), listEntitiesForPolicy];
