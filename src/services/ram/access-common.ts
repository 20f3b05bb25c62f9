import type { Kysely, Selectable } from 'kysely';
import { apiError } from '../../errors/catalogue.js';
import { ramResource, type NameViolation } from '../../identity/index.js';
import type { Database, GroupsTable, PoliciesTable, RolesTable } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import { isUniqueViolation } from '../../store/errors.js';
import type { ApiError } from '../../errors/api-error.js';
import type { ActionContext, ActionDef, Params } from '../action.js';
import { RAM_VERSION } from './common.js';

/**
 * What the group, role, policy and attachment actions share: quotas, name checks, entity lookups and
 * the canonical-name authorization rule.
 */

/** Quotas of api-facts §2.2 (limits page, Dec 2025). */
export const LIMITS = {
  groupsPerAccount: 300,
  groupsPerUser: 10,
  rolesPerAccount: 1000,
  customPoliciesPerAccount: 1500,
  versionsPerPolicy: 5,
  systemPoliciesPerEntity: 20,
  customPoliciesPerEntity: 10,
} as const;

export const TEXT_LIMITS = { comments: 128, description: 1024 } as const;

type NamedParam = 'GroupName' | 'NewGroupName' | 'RoleName' | 'PolicyName';

/** Throws the parameter's InvalidChars/Length code when a name breaks its rule. */
export function requireValidName(check: (value: string) => NameViolation | null, param: NamedParam, value: string): void {
  const violation = check(value);
  if (violation === 'length') throw apiError(`InvalidParameter.${param}.Length`);
  if (violation !== null) throw apiError(`InvalidParameter.${param}.InvalidChars`);
}

type TextParam = 'Comments' | 'NewComments' | 'Description' | 'NewDescription';

/** An optional free-text parameter: undefined when absent, else checked against its length limit. */
export function optionalText(params: Params, param: TextParam, max: number): string | undefined {
  const value = params[param];
  if (value === undefined) return undefined;
  if (value.length > max) throw apiError(`InvalidParameter.${param}.Length`);
  return value;
}

export type Db = Kysely<Database>;
export type GroupRow = Selectable<GroupsTable>;
export type RoleRow = Selectable<RolesTable>;
export type PolicyRow = Selectable<PoliciesTable>;

/**
 * On PostgreSQL a write locks the entity row it checks a quota or counter against, so two concurrent
 * requests cannot both pass the check; SQLite runs one write transaction at a time anyway.
 */
export const locksRows = (store: Store): boolean => store.dialect === 'postgres';

// Names are unique regardless of case (the *_name_key columns), so lookups ignore case too. Users are
// found by the user area's own lookup (users.ts existingUser), so both areas answer a missing user alike.
export async function findGroup(db: Db, accountId: string, name: string, lock = false): Promise<GroupRow> {
  const query = db.selectFrom('groups').selectAll().where('account_id', '=', accountId).where('group_name_key', '=', name.toLowerCase());
  const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
  if (row === undefined) throw apiError('EntityNotExist.Group', name);
  return row;
}

export async function findRole(db: Db, accountId: string, name: string, lock = false): Promise<RoleRow> {
  const query = db.selectFrom('roles').selectAll().where('account_id', '=', accountId).where('role_name_key', '=', name.toLowerCase());
  const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
  if (row === undefined) throw apiError('EntityNotExist.Role', name);
  return row;
}

export async function findCustomPolicy(db: Db, accountId: string, name: string, lock = false): Promise<PolicyRow> {
  const query = db.selectFrom('policies').selectAll().where('account_id', '=', accountId).where('policy_name_key', '=', name.toLowerCase());
  const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
  if (row === undefined) throw apiError('EntityNotExist.Policy', name);
  return row;
}

/**
 * Entities are found regardless of case, but policies match user, group and policy ARNs
 * case-sensitively: a request naming `ALICE` must not slip past a Deny on `user/alice`. So when the
 * stored names differ from the requested ones, the action is authorized on the canonical ARNs too.
 * (Role ARNs are lower-cased on both sides and never differ.)
 */
export async function authorizeCanonical(ctx: ActionContext, ramAction: string, requested: string[], canonical: string[]): Promise<void> {
  if (canonical.some((arn, i) => arn !== requested[i])) await ctx.authorizeAlso(ramAction, canonical);
}

/** Resource ARNs as RAM authorizes them (api-facts §2.13). */
export const resource = {
  user: (accountId: string, name: string) => ramResource(accountId, `user/${name}`),
  group: (accountId: string, name: string) => ramResource(accountId, `group/${name}`),
  /** Lower-cased like the role's ARN; the policy engine matches role resources regardless of case. */
  role: (accountId: string, name: string) => ramResource(accountId, `role/${name.toLowerCase()}`),
  /** System policies are owned by `system` (§3.7). */
  policy: (owner: string, name: string) => ramResource(owner, `policy/${name}`),
};

/** A RAM 2015-05-01 action authorized by policy on `ram:<Name>`, as nearly all of them are. */
export function ramPolicyAction<S = unknown>(def: Omit<ActionDef<S>, 'product' | 'version' | 'ramAction' | 'authorization'>): ActionDef<S> {
  return { product: 'Ram', version: RAM_VERSION, ramAction: `ram:${def.name}`, authorization: 'policy', ...def };
}

/** Runs an insert; a unique-key violation (a concurrent request won the race) becomes `conflict`. */
export async function insertUnique(write: Promise<unknown>, conflict: () => ApiError): Promise<void> {
  try {
    await write;
  } catch (err) {
    throw isUniqueViolation(err) ? conflict() : err;
  }
}

/** Number of rows of a table in an account (quota checks). */
export async function countInAccount(db: Db, table: 'groups' | 'roles' | 'policies', accountId: string): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return Number(row.n);
}
