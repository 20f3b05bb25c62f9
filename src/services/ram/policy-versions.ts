import type { Selectable } from 'kysely';
import { apiError } from '../../errors/catalogue.js';
import { isoSeconds } from '../../identity/index.js';
import { parsePolicy } from '../../policy/index.js';
import type { PolicyVersionsTable } from '../../store/schema.js';
import type { ActionContext, ActionDef, Params } from '../action.js';
import { LIMITS, findByName, locksRows, resource, type Db, type PolicyRow } from './access-common.js';
import { announcePermissionChange, boolParam, declareAction } from './common.js';
import { findSystem, policyTypeParam, requestedPolicyResource, resolveCustomPolicy } from './policies.js';

/**
 * Versions of custom policies (api-facts §2.9): `v1`, `v2`, … never reused, at most five kept, one of
 * them the default that attached principals are authorized by. A system policy shows its one
 * published version.
 */

type VersionRow = Selectable<PolicyVersionsTable>;

const VERSION_ID = /^v[1-9]\d{0,8}$/;
const versionNumber = (id: string) => Number(id.slice(1));

function versionIdParam(params: Params): string {
  const id = params.VersionId!;
  if (!VERSION_ID.test(id)) throw apiError('InvalidParameter.VersionId.Format');
  return id;
}

const versionView = (v: { version_id: string; document: string; created_at: string }, defaultVersion: string) => ({
  VersionId: v.version_id,
  IsDefaultVersion: v.version_id === defaultVersion,
  PolicyDocument: v.document,
  CreateDate: v.created_at,
});

async function versionsOf(db: Db, policy: PolicyRow): Promise<VersionRow[]> {
  const rows = await db.selectFrom('policy_versions').selectAll()
    .where('account_id', '=', policy.account_id).where('policy_name_key', '=', policy.policy_name_key).execute();
  return rows.sort((a, b) => versionNumber(a.version_id) - versionNumber(b.version_id));
}

/** The versions of a policy of either type, oldest first, with the default's ID. */
async function listVersions(ctx: ActionContext, ramAction: string) {
  const name = ctx.params.PolicyName!;
  if (policyTypeParam(ctx.params) === 'System') {
    const policy = findSystem(name);
    return { defaultVersion: policy.versionId, versions: [{ version_id: policy.versionId, document: policy.document, created_at: policy.updateDate }] };
  }
  const policy = await resolveCustomPolicy(ctx, ramAction, name);
  return { defaultVersion: policy.default_version, versions: await versionsOf(ctx.store.db, policy) };
}

const named = { PolicyName: { type: 'string', required: true } } as const;
const versioned = { ...named, VersionId: { type: 'string', required: true } } as const;
const customResource = (p: Params, accountId: string) => [resource.policy(accountId, p.PolicyName!)];
const typedResource = (p: Params, accountId: string) => [requestedPolicyResource(policyTypeParam(p), p.PolicyName!, accountId)];

const ROTATE = 'DeleteOldestNonDefaultVersionWhenLimitExceeded';

const createPolicyVersion = declareAction('Ram', 'CreatePolicyVersion', {
  access: 'write',
  params: { ...named, PolicyDocument: { type: 'string', required: true }, SetAsDefault: { type: 'boolean' }, RotateStrategy: { type: 'string' } },
  resources: (p, caller) => customResource(p, caller.accountId),
  async handler(ctx) {
    const { accountId } = ctx.caller;
    const name = ctx.params.PolicyName!;
    const document = ctx.params.PolicyDocument!;
    const setAsDefault = boolParam(ctx.params, 'SetAsDefault', false);
    const rotate = ctx.params.RotateStrategy || 'None';
    if (rotate !== 'None' && rotate !== ROTATE) throw apiError('InvalidParameter.RotateStrategy');
    parsePolicy(document, 'identity');
    const found = await resolveCustomPolicy(ctx, 'ram:CreatePolicyVersion', name);
    // ramstack hardening: a new default version changes live permissions, so it takes the right to
    // set the default as well; otherwise CreatePolicyVersion alone would be an escalation path.
    if (setAsDefault) await ctx.authorizeAlso('ram:SetDefaultPolicyVersion', [resource.policy(accountId, found.policy_name)]);
    const created = await ctx.transaction(async (trx) => {
      // Taking the next number first locks the policy row, so concurrent versions queue up here.
      const claimed = await trx.updateTable('policies')
        .set((eb) => ({ next_version: eb('next_version', '+', 1), updated_at: isoSeconds(ctx.request.now) }))
        .where('account_id', '=', accountId).where('policy_name_key', '=', found.policy_name_key)
        .returningAll().executeTakeFirst();
      if (claimed === undefined) throw apiError('EntityNotExist.Policy', name);
      const versions = await versionsOf(trx, claimed);
      if (versions.length >= LIMITS.versionsPerPolicy) {
        const oldest = versions.find((v) => v.version_id !== claimed.default_version);
        if (rotate !== ROTATE || oldest === undefined) throw apiError('LimitExceeded.Policy.Version');
        await trx.deleteFrom('policy_versions')
          .where('account_id', '=', accountId).where('policy_name_key', '=', claimed.policy_name_key).where('version_id', '=', oldest.version_id).execute();
      }
      const row: VersionRow = { account_id: accountId, policy_name_key: claimed.policy_name_key, version_id: `v${claimed.next_version - 1}`, document, created_at: isoSeconds(ctx.request.now) };
      await trx.insertInto('policy_versions').values(row).execute();
      if (setAsDefault) {
        await trx.updateTable('policies').set({ default_version: row.version_id })
          .where('account_id', '=', accountId).where('policy_name_key', '=', claimed.policy_name_key).execute();
      }
      return row;
    });
    if (setAsDefault) await announcePermissionChange(ctx.store, accountId);
    return { PolicyVersion: versionView(created, setAsDefault ? created.version_id : found.default_version) };
  },
});

const getPolicyVersion = declareAction('Ram', 'GetPolicyVersion', {
  access: 'read',
  params: { PolicyType: { type: 'string', required: true }, ...versioned },
  resources: (p, caller) => typedResource(p, caller.accountId),
  async handler(ctx) {
    const versionId = versionIdParam(ctx.params);
    const { defaultVersion, versions } = await listVersions(ctx, 'ram:GetPolicyVersion');
    const version = versions.find((v) => v.version_id === versionId);
    if (version === undefined) throw apiError('EntityNotExist.Policy.Version', versionId);
    return { PolicyVersion: versionView(version, defaultVersion) };
  },
});

const listPolicyVersions = declareAction('Ram', 'ListPolicyVersions', {
  access: 'read',
  params: { PolicyType: { type: 'string', required: true }, ...named },
  resources: (p, caller) => typedResource(p, caller.accountId),
  async handler(ctx) {
    const { defaultVersion, versions } = await listVersions(ctx, 'ram:ListPolicyVersions');
    return { PolicyVersions: { PolicyVersion: versions.map((v) => versionView(v, defaultVersion)) } };
  },
});

/**
 * SetDefaultPolicyVersion and DeletePolicyVersion: authorize the policy's canonical ARN, then run
 * `change` in a transaction on the policy row (locked) once the requested version is found in it.
 */
async function changeVersion(ctx: ActionContext, ramAction: string, change: (trx: Db, policy: PolicyRow, versionId: string) => Promise<void>): Promise<void> {
  const versionId = versionIdParam(ctx.params);
  await resolveCustomPolicy(ctx, ramAction, ctx.params.PolicyName!);
  await ctx.transaction(async (trx) => {
    const policy = await findByName(trx, 'policies', ctx.caller.accountId, ctx.params.PolicyName!, locksRows(ctx.store));
    const version = await trx.selectFrom('policy_versions').select('version_id')
      .where('account_id', '=', policy.account_id).where('policy_name_key', '=', policy.policy_name_key).where('version_id', '=', versionId)
      .executeTakeFirst();
    if (version === undefined) throw apiError('EntityNotExist.Policy.Version', versionId);
    await change(trx, policy, versionId);
  });
}

const setDefaultPolicyVersion = declareAction('Ram', 'SetDefaultPolicyVersion', {
  access: 'write',
  params: versioned,
  resources: (p, caller) => customResource(p, caller.accountId),
  async handler(ctx) {
    await changeVersion(ctx, 'ram:SetDefaultPolicyVersion', async (trx, policy, versionId) => {
      await trx.updateTable('policies').set({ default_version: versionId, updated_at: isoSeconds(ctx.request.now) })
        .where('account_id', '=', policy.account_id).where('policy_name_key', '=', policy.policy_name_key).execute();
    });
    await announcePermissionChange(ctx.store, ctx.caller.accountId);
    return {};
  },
});

const deletePolicyVersion = declareAction('Ram', 'DeletePolicyVersion', {
  access: 'write',
  params: versioned,
  resources: (p, caller) => customResource(p, caller.accountId),
  async handler(ctx) {
    await changeVersion(ctx, 'ram:DeletePolicyVersion', async (trx, policy, versionId) => {
      if (policy.default_version === versionId) throw apiError('DeleteConflict.Policy.Version.Default');
      await trx.deleteFrom('policy_versions')
        .where('account_id', '=', policy.account_id).where('policy_name_key', '=', policy.policy_name_key).where('version_id', '=', versionId).execute();
    });
    return {};
  },
});

export const policyVersionActions: ActionDef[] = [createPolicyVersion, getPolicyVersion, listPolicyVersions, setDefaultPolicyVersion, deletePolicyVersion];
