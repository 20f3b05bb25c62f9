import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { apiError } from '../../errors/catalogue.js';
import type { NamedParam as UserAreaNamedParam } from '../../errors/ram-users.js';
import { ramResource, type NameViolation } from '../../identity/index.js';
import type { Database, GroupsTable, PoliciesTable, RolesTable } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import { isUniqueViolation } from '../../store/errors.js';
import type { ApiError } from '../../errors/api-error.js';
import type { ActionContext, Params } from '../action.js';

/**
 * What the actions on RAM entities share, in the user area and the access area alike: quotas and the
 * locks that keep them, name checks, lookups by name, unique writes and the canonical-name
 * authorization rule; and the ARNs and text limits of groups, roles and policies.
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

type NamedParam = UserAreaNamedParam | 'GroupName' | 'NewGroupName' | 'RoleName' | 'PolicyName';

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

/** Serializes, per account, the writes that count entities against an account-wide limit (see locksRows). */
export async function lockAccount(trx: Transaction<Database>, store: Store, accountId: string): Promise<void> {
  if (locksRows(store)) await trx.selectFrom('accounts').select('account_id').where('account_id', '=', accountId).forUpdate().execute();
}

/** Per entity named in requests: the column of its lower-cased name, and the answer when none has the name. */
const NAMED_ENTITIES = {
  users: { nameKey: 'user_name_key', notExist: (_name: string) => apiError('EntityNotExist.User') },
  groups: { nameKey: 'group_name_key', notExist: (name: string) => apiError('EntityNotExist.Group', name) },
  roles: { nameKey: 'role_name_key', notExist: (name: string) => apiError('EntityNotExist.Role', name) },
  policies: { nameKey: 'policy_name_key', notExist: (name: string) => apiError('EntityNotExist.Policy', name) },
} as const;

export type NamedTable = keyof typeof NAMED_ENTITIES;
export type NamedRow<T extends NamedTable> = Selectable<Database[T]>;

/**
 * The account's entity of that name, or undefined. Names are unique regardless of case (the *_name_key
 * columns), so lookups ignore case too; `lock` takes the row lock (see locksRows).
 */
export async function findByNameIfAny<T extends NamedTable>(db: Db, table: T, accountId: string, name: string, lock = false): Promise<NamedRow<T> | undefined> {
  const query = db.selectFrom(table as NamedTable).selectAll()
    .where('account_id', '=', accountId).where(NAMED_ENTITIES[table].nameKey, '=', name.toLowerCase());
  return (await (lock ? query.forUpdate() : query).executeTakeFirst()) as NamedRow<T> | undefined;
}

/** As findByNameIfAny, for the actions that need the entity: a missing one is EntityNotExist.<Entity>. */
export async function findByName<T extends NamedTable>(db: Db, table: T, accountId: string, name: string, lock = false): Promise<NamedRow<T>> {
  const row = await findByNameIfAny(db, table, accountId, name, lock);
  if (row === undefined) throw NAMED_ENTITIES[table].notExist(name);
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

/** Resource ARNs as RAM authorizes them (api-facts §2.13); a user's is users.ts userResource. */
export const resource = {
  group: (accountId: string, name: string) => ramResource(accountId, `group/${name}`),
  /** Lower-cased like the role's ARN; the policy engine matches role resources regardless of case. */
  role: (accountId: string, name: string) => ramResource(accountId, `role/${name.toLowerCase()}`),
  /** System policies are owned by `system` (§3.7). */
  policy: (owner: string, name: string) => ramResource(owner, `policy/${name}`),
};

/** Awaits a write; a unique-key violation (the name is taken, or a concurrent request won the race) becomes `alreadyExists`. */
export async function uniquely<T>(alreadyExists: ApiError, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    throw isUniqueViolation(err) ? alreadyExists : err;
  }
}

/** Number of rows of a table in an account (quota checks). */
export async function countInAccount(db: Db, table: 'users' | 'mfa_devices' | 'groups' | 'roles' | 'policies', accountId: string): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The account quota of each entity CreateGroup, CreateRole and CreatePolicy add, with its errors. */
const ACCOUNT_QUOTAS = {
  groups: { max: LIMITS.groupsPerAccount, exceeded: () => apiError('LimitExceeded.Group'), taken: (name: string) => apiError('EntityAlreadyExists.Group', name) },
  roles: { max: LIMITS.rolesPerAccount, exceeded: () => apiError('LimitExceeded.Role'), taken: (name: string) => apiError('EntityAlreadyExists.Role', name) },
  policies: { max: LIMITS.customPoliciesPerAccount, exceeded: () => apiError('LimitExceeded.Policy'), taken: (name: string) => apiError('EntityAlreadyExists.Policy', name) },
} as const;

/**
 * Inserts a new group, role or custom policy, in the transaction that creates it: LimitExceeded once the
 * account holds its quota of them, EntityAlreadyExists when the name is taken regardless of case. The
 * account lock keeps two concurrent creates from both passing the count.
 */
export async function insertWithinQuota<T extends keyof typeof ACCOUNT_QUOTAS>(trx: Transaction<Database>, store: Store, table: T, row: Insertable<Database[T]> & { account_id: string }, name: string): Promise<void> {
  const quota = ACCOUNT_QUOTAS[table];
  await lockAccount(trx, store, row.account_id);
  if ((await countInAccount(trx, table, row.account_id)) >= quota.max) throw quota.exceeded();
  await uniquely(quota.taken(name), trx.insertInto(table).values(row).execute());
}

/** Create* actions answer the new entity without UpdateDate (api-facts §2.7–§2.9). */
export function withoutUpdateDate<V extends { UpdateDate: unknown }>({ UpdateDate: _, ...created }: V): Omit<V, 'UpdateDate'> {
  return created;
}
