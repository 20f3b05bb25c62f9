import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ArmsContactsTable } from '../../store/schema.js';
import type { Database } from '../../store/store.js';
import { nextId } from './ids.js';

/**
 * Alert contacts, one store for the alert-management API (CreateOrUpdateContact, DescribeContacts,
 * DeleteContact) and the legacy one (CreateAlertContact, SearchAlertContact, DeleteAlertContact): a
 * contact made through either is seen and deleted through both, as ARMS migrated its contacts. Contacts
 * belong to the account, not to a region (the legacy APIs' RegionId does not partition them).
 */

export type ContactRow = Selectable<ArmsContactsTable>;
type Db = Kysely<Database> | Transaction<Database>;

/** What both APIs let a caller set; the rest of a row keeps its defaults. */
export interface ContactFields {
  contact_name: string;
  phone: string | null;
  email: string | null;
  ding_robot_url: string | null;
  system_noc: number;
  reissue_send_notice: number;
  is_verify: number;
}

export async function insertContact(trx: Transaction<Database>, accountId: string, fields: ContactFields, now: number): Promise<ContactRow> {
  const row: ContactRow = { account_id: accountId, contact_id: await nextId(trx, 'arms.contact_id'), webhook: null, ...fields, create_time: now, update_time: now };
  await trx.insertInto('arms_contacts').values(row).execute();
  return row;
}

/** Replaces what a caller sets; undefined when the account has no such contact. */
export async function replaceContact(trx: Transaction<Database>, accountId: string, contactId: number, fields: ContactFields, now: number): Promise<ContactRow | undefined> {
  await trx.updateTable('arms_contacts').set({ ...fields, update_time: now }).where('account_id', '=', accountId).where('contact_id', '=', contactId).execute();
  return trx.selectFrom('arms_contacts').selectAll().where('account_id', '=', accountId).where('contact_id', '=', contactId).executeTakeFirst();
}

/** False when the account has no such contact. */
export async function deleteContact(trx: Transaction<Database>, accountId: string, contactId: number): Promise<boolean> {
  const result = await trx.deleteFrom('arms_contacts').where('account_id', '=', accountId).where('contact_id', '=', contactId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface ContactFilter {
  /** A substring of the name. */
  name?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  /** Non-empty. */
  ids?: number[] | undefined;
}

/**
 * The account's contacts that match, oldest first. The name filter runs here rather than in SQL: LIKE
 * ignores case on SQLite and not on PostgreSQL, and an account's contacts are few.
 */
export async function findContacts(db: Db, accountId: string, filter: ContactFilter): Promise<ContactRow[]> {
  let query = db.selectFrom('arms_contacts').selectAll().where('account_id', '=', accountId);
  if (filter.phone !== undefined) query = query.where('phone', '=', filter.phone);
  if (filter.email !== undefined) query = query.where('email', '=', filter.email);
  if (filter.ids !== undefined) query = query.where('contact_id', 'in', filter.ids);
  const rows = await query.orderBy('contact_id').execute();
  return filter.name === undefined ? rows : rows.filter((row) => row.contact_name.includes(filter.name!));
}

/** One page (numbered from 1) of a list. */
export const pageOf = <T>(rows: T[], page: number, size: number): T[] => rows.slice((page - 1) * size, page * size);
