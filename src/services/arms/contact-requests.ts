import { apiError } from '../../errors/catalogue.js';
import type { ActionContext, Params } from '../action.js';
import { deleteContact, type ContactFields, type ContactFilter } from './contact-store.js';
import { idList, optionalText, present, requiredInteger, requiredText } from './params.js';

/**
 * What the alert-management and the legacy contact APIs share: the checks of a contact's details, under
 * each API's parameter names, and deletion. Lengths are not published; these are generous enough for
 * real values and keep rows small (docs/arms.md).
 */

export const CONTACT_NAME_CHARS = 128;
const PHONE = /^\+?[0-9][0-9 -]{2,31}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
const URL = /^https?:\/\/\S{1,1000}$/;

/** The contact's name and channels, as both APIs set them. */
export type ContactDetails = Pick<ContactFields, 'contact_name' | 'phone' | 'email' | 'ding_robot_url'>;

export interface ContactParamNames {
  phone: string;
  email: string;
  dingRobotUrl: string;
  /** At least one of these must be given (the channels an alert can reach the contact on). */
  reachableBy: string[];
}

function checked(params: Params, name: string, rule: RegExp): string | null {
  const value = optionalText(params, name, 1024);
  if (value === undefined) return null;
  if (!rule.test(value)) throw apiError('ParameterIllegal', name);
  return value;
}

export function readContactDetails(params: Params, names: ContactParamNames): ContactDetails {
  const details = {
    contact_name: requiredText(params, 'ContactName', CONTACT_NAME_CHARS),
    phone: checked(params, names.phone, PHONE),
    email: checked(params, names.email, EMAIL),
    ding_robot_url: checked(params, names.dingRobotUrl, URL),
  };
  if (!names.reachableBy.some((param) => present(params[param]))) throw apiError('ParameterMissing', names.reachableBy.join(' or '));
  return details;
}

/** The filters both search APIs take under the same names. */
export function readContactFilter(params: Params): ContactFilter {
  return {
    name: optionalText(params, 'ContactName', CONTACT_NAME_CHARS),
    phone: optionalText(params, 'Phone', 64),
    email: optionalText(params, 'Email', 320),
    ids: idList(params, 'ContactIds'),
  };
}

/** DeleteContact and DeleteAlertContact: `IsSuccess` false when the account has no such contact. */
export async function deleteRequestedContact(ctx: ActionContext): Promise<{ IsSuccess: boolean }> {
  const contactId = requiredInteger(ctx.params, 'ContactId');
  return { IsSuccess: await ctx.transaction((trx) => deleteContact(trx, ctx.caller.accountId, contactId)) };
}
