import type { ActionDef, ParamSpec } from '../action.js';
import { accountResources, armsAction } from './common.js';
import { deleteRequestedContact, readContactDetails, readContactFilter } from './contact-requests.js';
import { findContacts, insertContact, pageOf, type ContactFields, type ContactRow } from './contact-store.js';
import { optionalBoolean, optionalInteger } from './params.js';

/**
 * The legacy alert-contact API: CreateAlertContact, SearchAlertContact, DeleteAlertContact (api-facts
 * §6.1), on the same contacts as contacts.ts. RegionId is required, as published, though contacts
 * belong to the whole account.
 */

const text: ParamSpec = { type: 'string' };
const resources = accountResources(true);

/** A contact as SearchAlertContact lists it. `DingRobot` is the robot's webhook URL. */
const legacyView = (c: ContactRow) => ({
  ContactId: c.contact_id,
  ContactName: c.contact_name,
  Phone: c.phone ?? undefined,
  Email: c.email ?? undefined,
  DingRobot: c.ding_robot_url ?? undefined,
  Webhook: c.webhook ?? undefined,
  SystemNoc: c.system_noc === 1,
  UserId: c.account_id,
  CreateTime: c.create_time,
  UpdateTime: c.update_time,
});

const createAlertContact = armsAction({
  name: 'CreateAlertContact',
  access: 'write',
  // ResourceGroupId is accepted and not kept.
  params: { RegionId: text, ContactName: text, PhoneNum: text, Email: text, DingRobotWebhookUrl: text, SystemNoc: text, ResourceGroupId: text },
  resources,
  async handler(ctx) {
    const details = readContactDetails(ctx.params, { phone: 'PhoneNum', email: 'Email', dingRobotUrl: 'DingRobotWebhookUrl', reachableBy: ['PhoneNum', 'Email', 'DingRobotWebhookUrl'] });
    const fields: ContactFields = { ...details, system_noc: optionalBoolean(ctx.params, 'SystemNoc') ? 1 : 0, reissue_send_notice: 0, is_verify: 0 };
    const contact = await ctx.transaction((trx) => insertContact(trx, ctx.caller.accountId, fields, ctx.request.now));
    // This API returns the ID as a string (api-facts §6.1).
    return { ContactId: String(contact.contact_id) };
  },
});

const searchAlertContact = armsAction({
  name: 'SearchAlertContact',
  access: 'read',
  params: { RegionId: text, ContactName: text, Phone: text, Email: text, CurrentPage: text, PageSize: text, ContactIds: text },
  resources,
  async handler(ctx) {
    const page = optionalInteger(ctx.params, 'CurrentPage') ?? 1;
    const size = optionalInteger(ctx.params, 'PageSize', { min: 1, max: 100 }) ?? 10;
    const contacts = await findContacts(ctx.store.db, ctx.caller.accountId, readContactFilter(ctx.params));
    return { PageBean: { PageNumber: page, PageSize: size, TotalCount: contacts.length, Contacts: pageOf(contacts, page, size).map(legacyView) } };
  },
});

const deleteAlertContact = armsAction({
  name: 'DeleteAlertContact',
  access: 'write',
  params: { RegionId: text, ContactId: text },
  resources,
  handler: deleteRequestedContact,
});

export const alertContactActions: ActionDef<any>[] = [createAlertContact, searchAlertContact, deleteAlertContact];
