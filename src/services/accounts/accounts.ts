import type { Store } from '../../store/store.js';
import type { Sealer } from '../../secrets/sealer.js';
import { hashPassword, generatePassword } from '../../secrets/password.js';
import { isUniqueViolation } from '../../store/errors.js';
import { checkAccountAlias, defaultDomain, isoSeconds, newAccessKeyId, newAccessKeySecret, newAccountId } from '../../identity/index.js';

/** Purpose label under which AccessKey secrets are sealed (bound into the ciphertext). */
export const ACCESS_KEY_SECRET_PURPOSE = 'access-key-secret';

export interface NewAccount {
  accountId: string;
  alias: string | null;
  defaultDomain: string;
  accessKeyId: string;
  accessKeySecret: string;
  rootPassword: string;
}

export interface AccountSummary {
  accountId: string;
  alias: string | null;
  email: string | null;
  defaultDomain: string;
  createdAt: string;
}

/** Thrown for operator input that breaks a rule; the CLI prints its message as one line. */
export class AccountInputError extends Error {}

/**
 * Creates an account (a tenant) with its root password and first root AccessKey. The secret and the
 * password are returned once, here; the store keeps only the sealed secret and the scrypt hash.
 */
export async function createAccount(
  store: Store,
  sealer: Sealer,
  input: { alias?: string; email?: string },
  now = Date.now(),
): Promise<NewAccount> {
  const alias = input.alias ?? null;
  if (alias !== null) {
    const problem = checkAccountAlias(alias);
    if (problem) throw new AccountInputError(`invalid alias "${alias}": an alias ${problem}`);
  }
  if (input.email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(input.email)) {
    throw new AccountInputError(`invalid email "${input.email}": must look like name@domain`);
  }
  const accountId = newAccountId();
  const rootPassword = generatePassword();
  const accessKeyId = newAccessKeyId();
  const accessKeySecret = newAccessKeySecret();
  const created = isoSeconds(now);
  const passwordHash = await hashPassword(rootPassword);
  try {
    await store.transaction(async (trx) => {
      await trx
        .insertInto('accounts')
        .values({ account_id: accountId, alias, email: input.email ?? null, root_password_hash: passwordHash, password_policy: null, security_preference: null, created_at: created })
        .execute();
      await trx
        .insertInto('access_keys')
        .values({ access_key_id: accessKeyId, account_id: accountId, user_id: null, secret_sealed: sealer.seal(accessKeySecret, ACCESS_KEY_SECRET_PURPOSE), status: 'Active', created_at: created, last_used_at: null })
        .execute();
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AccountInputError(`alias "${alias}" is already taken by another account`);
    throw err;
  }
  return { accountId, alias, defaultDomain: defaultDomain(accountId, alias), accessKeyId, accessKeySecret, rootPassword };
}

export async function listAccounts(store: Store): Promise<AccountSummary[]> {
  const rows = await store.db.selectFrom('accounts').select(['account_id', 'alias', 'email', 'created_at']).orderBy('created_at').orderBy('account_id').execute();
  return rows.map((r) => ({ accountId: r.account_id, alias: r.alias, email: r.email, defaultDomain: defaultDomain(r.account_id, r.alias), createdAt: r.created_at }));
}
