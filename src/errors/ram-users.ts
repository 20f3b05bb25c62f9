import { def, type ErrorDef } from './api-error.js';

/**
 * Errors of RAM/IMS users, login profiles, AccessKeys, MFA and account settings (api-facts §2.14).
 * catalogue.ts merges this table. The parameter-rule families are generated so each code exists once
 * per parameter name with the message template Alibaba uses for the family.
 */
type Family<N extends string, S extends string, A extends unknown[] = []> = { [K in `InvalidParameter.${N}.${S}`]: ErrorDef<A> };

function family<N extends string, S extends string, A extends unknown[] = []>(
  names: readonly N[],
  suffix: S,
  status: number,
  message: (name: N) => (...args: A) => string,
): Family<N, S, A> {
  return Object.fromEntries(names.map((name) => [`InvalidParameter.${name}.${suffix}`, def<A>(status, message(name))])) as Family<N, S, A>;
}

const NAMED = ['UserName', 'NewUserName', 'DisplayName', 'NewDisplayName', 'VirtualMFADeviceName'] as const;
const LENGTH_ONLY = ['Comments', 'NewComments'] as const;
const FORMATTED = ['MobilePhone', 'NewMobilePhone', 'Email', 'NewEmail', 'AccountAlias', 'UserPrincipalName', 'NewUserPrincipalName', 'LoginNetworkMasks'] as const;
const RANGED = ['MinimumPasswordLength', 'MaxPasswordAge', 'PasswordReusePrevention', 'MaxLoginAttemps', 'LoginSessionDuration'] as const;

export type NamedParam = (typeof NAMED)[number];
export type LengthParam = NamedParam | (typeof LENGTH_ONLY)[number];
export type FormattedParam = (typeof FORMATTED)[number];
export type RangedParam = (typeof RANGED)[number];

export const ramUserErrors = {
  ...family(NAMED, 'InvalidChars', 400, (name) => () => `The parameter - "${name}" contains invalid chars.`),
  ...family([...NAMED, ...LENGTH_ONLY], 'Length', 400, (name) => () => `The parameter - "${name}" beyond the length limit.`),
  ...family(FORMATTED, 'Format', 400, (name) => () => `The format of the parameter - "${name}" is incorrect.`),
  ...family(RANGED, 'Range', 400, (name) => (min: number, max: number) => `The parameter - "${name}" MUST be in the range of ${min} and ${max}.`),
  'InvalidParameter.AccountAlias.Length': def(400, (min: number, max: number) => `The parameter - "AccountAlias" MUST be in the range of ${min} and ${max}.`),
  'InvalidParameter.Password.TooWeak': def(400, 'The parameter - "Password" is not compliant with the password policy.'),
  // Not published by Alibaba: a password among the last PasswordReusePrevention ones (ramstack's choice, docs/ram-users.md).
  'InvalidParameter.Password.Reused': def(400, 'The parameter - "Password" was used recently; the password policy forbids reusing it.'),
  // Not published by Alibaba: ChangePassword with a wrong OldPassword (ramstack's choice, docs/ram-users.md).
  'InvalidParameter.OldPassword': def(400, 'The parameter - "OldPassword" is incorrect.'),
  'InvalidParameter.AuthenticationCode.Format': def(400, 'The parameter - "AuthenticationCode" MUST be 6 numbers.'),
  CheckAuthenticationCodeFail: def(403, 'The parameter - "AuthenticationCode" is inccorrect.'),

  'EntityNotExist.User': def(404, 'The user does not exist.'),
  'EntityNotExist.User.AccessKey': def(404, 'The access key does not exist.'),
  'EntityNotExist.User.LoginProfile': def(404, 'The login profile of the user does not exist.'),
  'EntityNotExist.User.MFADevice': def(404, 'The user has not bound any MFA device.'),
  'EntityNotExist.VirtualMFADevice': def(404, 'The virtual MFA device does not exist.'),

  'EntityAlreadyExists.User': def(409, 'The user does already EXIST.'),
  'EntityAlreadyExists.User.LoginProfile': def(409, 'The login profile of the user does already EXIST.'),
  'EntityAlreadyExists.User.MFADevice': def(409, 'The user has already bound an MFA device.'),
  'EntityAlreadyExists.VirtualMFADevice': def(409, 'The virtual MFA device does already EXIST.'),
  'EntityAlreadyExists.VirtualMFADevice.User': def(409, 'The virtual MFA device is already bound to a user.'),
  'EntityAlreadyExists.AccountAlias': def(409, 'The account alias does already EXIST.'),

  'DeleteConflict.User.AccessKey': def(409, 'The user CAN NOT has any access key while deleting the user.'),
  'DeleteConflict.User.LoginProfile': def(409, 'The user CAN NOT has a login profile while deleting the user.'),
  'DeleteConflict.User.MFADevice': def(409, 'The user CAN NOT has any MFA device while deleting the user.'),
  'DeleteConflict.User.Group': def(409, 'The user CAN NOT belong to any group while deleting the user.'),
  'DeleteConflict.User.Policy': def(409, 'The user CAN NOT has any policy attached while deleting the user.'),
  'DeleteConflict.VirtualMFADevice.User': def(409, 'The virtual MFA device CAN NOT be bound to a user while deleting it.'),

  'LimitExceeded.User': def(409, 'The count of users beyond the current limits.'),
  'LimitExceeded.User.AccessKey': def(409, 'The count of access keys of the user beyond the current limits.'),
  'LimitExceeded.VirtualMFADevice': def(409, 'The count of virtual MFA devices beyond the current limits.'),
} as const;
