import { apiError } from '../../errors/catalogue.js';
import { checkPolicyName, isoSeconds } from '../../identity/index.js';
import { findSystemPolicy, parsePolicy, systemPolicies, type SystemPolicy } from '../../policy/index.js';
import type { ActionContext, ActionDef, Params } from '../action.js';
import {
  TEXT_LIMITS,
  authorizeCanonical,
  findByName,
  insertWithinQuota,
  locksRows,
  optionalText,
  requireValidName,
  resource,
  withoutUpdateDate,
  type Db,
  type PolicyRow,
} from './access-common.js';
import { boolParam, declareAction, pageResult, readPage } from './common.js';

/**
 * Policies (api-facts §2.9): custom policies live in the store, system policies are the policy
 * engine's seed data. Both are named case-insensitively and answered in their canonical case (§2.8).
 */

export type PolicyType = 'System' | 'Custom';

export function policyTypeParam(params: Params): PolicyType {
  const type = params.PolicyType;
  if (type === 'System' || type === 'Custom') return type;
  throw apiError('InvalidParameter.PolicyType');
}

/**
 * The policy ARN to authorize, from the request. A system policy's name is made canonical here
 * (the seed data is at hand), so `administratoraccess` cannot slip past a rule on `AdministratorAccess`;
 * a custom policy's is checked against the store by authorizeCanonical in the handler.
 */
export function requestedPolicyResource(type: PolicyType, name: string, accountId: string): string {
  return type === 'System' ? resource.policy('system', findSystemPolicy(name)?.name ?? name) : resource.policy(accountId, name);
}

/** The fields every policy listing shares. */
export interface PolicySummary {
  PolicyName: string;
  PolicyType: PolicyType;
  Description: string | undefined;
  DefaultVersion: string;
  CreateDate: string;
  UpdateDate: string;
}

export const systemSummary = (p: SystemPolicy): PolicySummary => ({
  PolicyName: p.name,
  PolicyType: 'System',
  Description: p.description,
  DefaultVersion: p.versionId,
  CreateDate: p.createDate,
  UpdateDate: p.updateDate,
});

export const customSummary = (p: PolicyRow): PolicySummary => ({
  PolicyName: p.policy_name,
  PolicyType: 'Custom',
  Description: p.description ?? undefined,
  DefaultVersion: p.default_version,
  CreateDate: p.created_at,
  UpdateDate: p.updated_at,
});

export function findSystem(name: string): SystemPolicy {
  const policy = findSystemPolicy(name);
  if (policy === undefined) throw apiError('EntityNotExist.Policy', name);
  return policy;
}

/** Finds a custom policy for a read or a write and authorizes its canonical ARN. */
export async function resolveCustomPolicy(ctx: ActionContext, ramAction: string, name: string): Promise<PolicyRow> {
  const { accountId } = ctx.caller;
  const policy = await findByName(ctx.store.db, 'policies', accountId, name);
  await authorizeCanonical(ctx, ramAction, [resource.policy(accountId, name)], [resource.policy(accountId, policy.policy_name)]);
  return policy;
}

/** A policy of either type with its default document, as GetPolicy and the attachment actions see it. */
export interface ResolvedPolicy {
  summary: PolicySummary;
  /** Lower-cased name, as stored in policy_attachments. */
  nameKey: string;
  document: () => Promise<string>;
}

export async function resolvePolicy(ctx: ActionContext, ramAction: string, type: PolicyType, name: string): Promise<ResolvedPolicy> {
  if (type === 'System') {
    const policy = findSystem(name);
    return { summary: systemSummary(policy), nameKey: policy.name.toLowerCase(), document: async () => policy.document };
  }
  const policy = await resolveCustomPolicy(ctx, ramAction, name);
  return { summary: customSummary(policy), nameKey: policy.policy_name_key, document: () => versionDocument(ctx.store.db, policy, policy.default_version) };
}

async function versionDocument(db: Db, policy: PolicyRow, versionId: string): Promise<string> {
  const row = await db.selectFrom('policy_versions').select('document')
    .where('account_id', '=', policy.account_id).where('policy_name_key', '=', policy.policy_name_key).where('version_id', '=', versionId)
    .executeTakeFirstOrThrow();
  return row.document;
}

/** Attachments per policy in an account, keyed `<type>/<name key>`. */
async function attachmentCounts(db: Db, accountId: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('policy_attachments')
    .select(['policy_type', 'policy_name_key', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
    .where('account_id', '=', accountId)
    .groupBy(['policy_type', 'policy_name_key'])
    .execute();
  return new Map(rows.map((r) => [`${r.policy_type}/${r.policy_name_key}`, Number(r.n)]));
}

const countOf = (counts: Map<string, number>, s: PolicySummary) => counts.get(`${s.PolicyType}/${s.PolicyName.toLowerCase()}`) ?? 0;

const named = { PolicyName: { type: 'string', required: true } } as const;
const typed = { PolicyType: { type: 'string', required: true }, ...named } as const;
const customResource = (p: Params, accountId: string) => [resource.policy(accountId, p.PolicyName!)];

const createPolicy = declareAction('Ram', 'CreatePolicy', {
  access: 'write',
  params: { ...named, PolicyDocument: { type: 'string', required: true }, Description: { type: 'string' } },
  resources: (_p, caller) => [resource.policy(caller.accountId, '*')],
  async handler(ctx) {
    const { accountId } = ctx.caller;
    const name = ctx.params.PolicyName!;
    requireValidName(checkPolicyName, 'PolicyName', name);
    const description = optionalText(ctx.params, 'Description', TEXT_LIMITS.description);
    const document = ctx.params.PolicyDocument!;
    parsePolicy(document, 'identity');
    const now = isoSeconds(ctx.request.now);
    const key = name.toLowerCase();
    const row: PolicyRow = { account_id: accountId, policy_name: name, policy_name_key: key, description: description ?? null, default_version: 'v1', next_version: 2, created_at: now, updated_at: now };
    await ctx.transaction(async (trx) => {
      await insertWithinQuota(trx, ctx.store, 'policies', row, name);
      await trx.insertInto('policy_versions').values({ account_id: accountId, policy_name_key: key, version_id: 'v1', document, created_at: now }).execute();
    });
    return { Policy: withoutUpdateDate(customSummary(row)) };
  },
});

const getPolicy = declareAction('Ram', 'GetPolicy', {
  access: 'read',
  params: typed,
  resources: (p, caller) => [requestedPolicyResource(policyTypeParam(p), p.PolicyName!, caller.accountId)],
  async handler(ctx) {
    const policy = await resolvePolicy(ctx, 'ram:GetPolicy', policyTypeParam(ctx.params), ctx.params.PolicyName!);
    const [document, counts] = await Promise.all([policy.document(), attachmentCounts(ctx.store.db, ctx.caller.accountId)]);
    const { summary } = policy;
    return {
      // PolicyDocument in Policy is deprecated but still returned (§2.9).
      Policy: { ...summary, AttachmentCount: countOf(counts, summary), PolicyDocument: document },
      DefaultPolicyVersion: {
        VersionId: summary.DefaultVersion,
        IsDefaultVersion: true,
        PolicyDocument: document,
        CreateDate: summary.UpdateDate,
      },
    };
  },
});

const updatePolicyDescription = declareAction('Ram', 'UpdatePolicyDescription', {
  access: 'write',
  params: { ...named, NewDescription: { type: 'string' } },
  resources: (p, caller) => customResource(p, caller.accountId),
  async handler(ctx) {
    const { accountId } = ctx.caller;
    const name = ctx.params.PolicyName!;
    const description = optionalText(ctx.params, 'NewDescription', TEXT_LIMITS.description) ?? '';
    await resolveCustomPolicy(ctx, 'ram:UpdatePolicyDescription', name);
    const updated = await ctx.transaction(async (trx) => {
      const policy = await findByName(trx, 'policies', accountId, name, locksRows(ctx.store));
      const next: PolicyRow = { ...policy, description, updated_at: isoSeconds(ctx.request.now) };
      await trx.updateTable('policies').set({ description, updated_at: next.updated_at })
        .where('account_id', '=', accountId).where('policy_name_key', '=', policy.policy_name_key).execute();
      return next;
    });
    return { Policy: customSummary(updated) };
  },
});

const ATTACHED_CONFLICT = { User: 'DeleteConflict.Policy.User', Group: 'DeleteConflict.Policy.Group', Role: 'DeleteConflict.Policy.Role' } as const;

const deletePolicy = declareAction('Ram', 'DeletePolicy', {
  access: 'write',
  params: { ...named, CascadingDelete: { type: 'boolean' } },
  resources: (p, caller) => customResource(p, caller.accountId),
  async handler(ctx) {
    const { accountId } = ctx.caller;
    const name = ctx.params.PolicyName!;
    const cascading = boolParam(ctx.params, 'CascadingDelete', false);
    await resolveCustomPolicy(ctx, 'ram:DeletePolicy', name);
    await ctx.transaction(async (trx) => {
      const policy = await findByName(trx, 'policies', accountId, name, locksRows(ctx.store));
      const key = policy.policy_name_key;
      const attached = await trx.selectFrom('policy_attachments').select('principal_type')
        .where('account_id', '=', accountId).where('policy_type', '=', 'Custom').where('policy_name_key', '=', key).executeTakeFirst();
      if (attached !== undefined) throw apiError(ATTACHED_CONFLICT[attached.principal_type]);
      const older = await trx.selectFrom('policy_versions').select('version_id')
        .where('account_id', '=', accountId).where('policy_name_key', '=', key).where('version_id', '!=', policy.default_version).executeTakeFirst();
      if (older !== undefined && !cascading) throw apiError('DeleteConflict.Policy.Version');
      await trx.deleteFrom('policy_versions').where('account_id', '=', accountId).where('policy_name_key', '=', key).execute();
      await trx.deleteFrom('policies').where('account_id', '=', accountId).where('policy_name_key', '=', key).execute();
    });
    return {};
  },
});

const ORDER = { System: 'S:', Custom: 'C:' } as const;
const sortedSystem = [...systemPolicies].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));

/**
 * ListPolicies pages through system policies (by lower-cased name) and then the account's custom
 * policies (by name key); the marker's `S:`/`C:` prefix says which part the next page resumes in.
 */
const listPolicies = declareAction('Ram', 'ListPolicies', {
  access: 'read',
  params: { PolicyType: { type: 'string' }, Marker: { type: 'string' }, MaxItems: { type: 'integer' } },
  resources: (_p, caller) => [resource.policy(caller.accountId, '*')],
  async handler(ctx) {
    const { accountId } = ctx.caller;
    const type = ctx.params.PolicyType ? policyTypeParam(ctx.params) : undefined;
    const page = readPage(ctx.params);
    const after = page.after;
    if (after !== undefined && !after.startsWith(ORDER.System) && !after.startsWith(ORDER.Custom)) throw apiError('InvalidParameter', 'Marker');
    const rows: Array<{ key: string; summary: PolicySummary }> = [];
    if (type !== 'Custom' && (after === undefined || after.startsWith(ORDER.System))) {
      for (const p of sortedSystem) {
        const key = ORDER.System + p.name.toLowerCase();
        if ((after === undefined || key > after) && rows.length <= page.maxItems) rows.push({ key, summary: systemSummary(p) });
      }
    }
    if (type !== 'System' && rows.length <= page.maxItems) {
      let query = ctx.store.db.selectFrom('policies').selectAll().where('account_id', '=', accountId);
      if (after?.startsWith(ORDER.Custom)) query = query.where('policy_name_key', '>', after.slice(ORDER.Custom.length));
      const custom = await query.orderBy('policy_name_key').limit(page.maxItems + 1 - rows.length).execute();
      rows.push(...custom.map((p) => ({ key: ORDER.Custom + p.policy_name_key, summary: customSummary(p) })));
    }
    const { items, ...more } = pageResult(rows, page, (r) => r.key);
    const counts = await attachmentCounts(ctx.store.db, accountId);
    return { Policies: { Policy: items.map(({ summary }) => ({ ...summary, AttachmentCount: countOf(counts, summary) })) }, ...more };
  },
});

export const policyActions: ActionDef[] = [createPolicy, getPolicy, updatePolicyDescription, deletePolicy, listPolicies];
