import { apiError } from '../../errors/catalogue.js';
import type { ActionDef, ParamSpec } from '../action.js';
import { accountResources, armsAction } from './common.js';
import { deleteRequestedContact, readContactDetails, readContactFilter } from './contact-requests.js';
import { findContacts, insertContact, pageOf, replaceContact, type ContactFields, type ContactRow } from './contact-store.js';
import { optionalBoolean, optionalInteger, requiredInteger } from './params.js';

/**
 * The alert-management contact API: CreateOrUpdateContact, DescribeContacts, DeleteContact (api-facts
 * §6.1). Their RAM actions are the ones the APIs' authorization tables name, not the API names (§6.2).
 */

const text: ParamSpec = { type: 'string' };

/** The fields both contact views share; `IsVerify` (phone verified) stays false: ramstack sends no SMS. */
const contactBase = (c: ContactRow) => ({
  ContactId: c.contact_id,
  ContactName: c.contact_name,
  Phone: c.phone ?? undefined,
  Email: c.email ?? undefined,
  IsVerify: false,
  ReissueSendNotice: c.reissue_send_notice,
});

const createOrUpdateContact = armsAction({
  name: 'CreateOrUpdateContact',
  ramAction: 'arms:CreateContact',
  access: 'write',
  // ResourceGroupId and CorpUserId (a DingTalk user) are accepted and not kept.
  params: { RegionId: text, ContactId: text, ContactName: text, Phone: text, Email: text, ReissueSendNotice: text, IsEmailVerify: text, DingRobotUrl: text, ResourceGroupId: text, CorpUserId: text },
  resources: accountResources(),
  async handler(ctx) {
    const contactId = optionalInteger(ctx.params, 'ContactId');
    const details = readContactDetails(ctx.params, { phone: 'Phone', email: 'Email', dingRobotUrl: 'DingRobotUrl', reachableBy: ['Phone', 'Email'] });
    // The API takes the whole contact: an update replaces every field, as the console's edit form does.
    const fields: ContactFields = {
      ...details,
      system_noc: 0,
      reissue_send_notice: optionalInteger(ctx.params, 'ReissueSendNotice', { min: 0, max: 3 }) ?? 0,
      is_verify: optionalBoolean(ctx.params, 'IsEmailVerify') ? 1 : 0,
    };
    const { accountId } = ctx.caller;
    const contact = await ctx.transaction(async (trx) => {
      if (contactId === undefined) return insertContact(trx, accountId, fields, ctx.request.now);
      const replaced = await replaceContact(trx, accountId, contactId, fields, ctx.request.now);
      if (!replaced) throw apiError('ParameterIllegal', 'ContactId', 'No such contact.');
      return replaced;
    });
    // `isEmailVerify` is lower-case in this one response, as published (api-facts §6.1).
    return { AlertContact: { ...contactBase(contact), isEmailVerify: contact.is_verify === 1, DingRobotUrl: contact.ding_robot_url ?? undefined } };
  },
});

const describeContacts = armsAction({
  name: 'DescribeContacts',
  ramAction: 'arms:SearchContact',
  access: 'read',
  // Verbose (return more detail) is accepted; every field is always returned.
  params: { RegionId: text, Page: text, Size: text, ContactName: text, Phone: text, Email: text, ContactIds: text, Verbose: text },
  resources: accountResources(),
  async handler(ctx) {
    const page = requiredInteger(ctx.params, 'Page');
    const size = requiredInteger(ctx.params, 'Size', { min: 1, max: 100 });
    const contacts = await findContacts(ctx.store.db, ctx.caller.accountId, readContactFilter(ctx.params));
    return {
      PageBean: {
        Total: contacts.length,
        Page: page,
        Size: size,
        // ArmsContactId is the contact's ID in the legacy API: the same, since both APIs share one store.
        AlertContacts: pageOf(contacts, page, size).map((c) => ({ ...contactBase(c), IsEmailVerify: c.is_verify === 1, ArmsContactId: c.contact_id })),
      },
    };
  },
});

const deleteContactAction = armsAction({
  name: 'DeleteContact',
  access: 'write',
  params: { RegionId: text, ContactId: text },
  resources: accountResources(),
  handler: deleteRequestedContact,
});

export const contactActions: ActionDef<any>[] = [createOrUpdateContact, describeContacts, deleteContactAction];
