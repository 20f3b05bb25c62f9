import { DEFAULT_DOMAIN_SUFFIX } from '../identity/names.js';
import type { Store } from '../store/store.js';

export interface AccountRow {
  account_id: string;
  alias: string | null;
  email: string | null;
  root_password_hash: string;
}

const ACCOUNT_ID = /^\d{16}$/;

/**
 * The account a person names on a console page (api-facts §7): its alias, its default domain
 * `<alias>.onaliyun.com`, or its ID (also as `<id>.onaliyun.com`, the default domain of an account
 * without an alias). Matching is case-insensitive, as domain names are.
 */
export async function findAccountByName(store: Store, name: string): Promise<AccountRow | undefined> {
  const lower = name.trim().toLowerCase();
  const bare = lower.endsWith(DEFAULT_DOMAIN_SUFFIX) ? lower.slice(0, -DEFAULT_DOMAIN_SUFFIX.length) : lower;
  const query = store.db.selectFrom('accounts').select(['account_id', 'alias', 'email', 'root_password_hash']);
  return ACCOUNT_ID.test(bare) ? query.where('account_id', '=', bare).executeTakeFirst() : query.where('alias', '=', bare).executeTakeFirst();
}

/** The root's logon name: the account ID or the owner's email. */
export async function findAccountForRoot(store: Store, identifier: string): Promise<AccountRow | undefined> {
  const value = identifier.trim();
  const query = store.db.selectFrom('accounts').select(['account_id', 'alias', 'email', 'root_password_hash']);
  return ACCOUNT_ID.test(value) ? query.where('account_id', '=', value).executeTakeFirst() : query.where('email', '=', value).executeTakeFirst();
}

/** `name@alias`, `name@alias.onaliyun.com`, `name@<accountId>.onaliyun.com` → user name and account part. */
export function splitLogonName(logonName: string): { userName: string; domain: string } | null {
  const at = logonName.lastIndexOf('@');
  if (at <= 0 || at === logonName.length - 1) return null;
  return { userName: logonName.slice(0, at).trim(), domain: logonName.slice(at + 1) };
}
