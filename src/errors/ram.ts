import { def, type ErrorDef } from './api-error.js';

/**
 * Errors of RAM groups, roles, policies, attachments and diagnostics (api-facts §2.14). Alibaba's codes
 * come in families (`EntityNotExist.{User,Group,Role,Policy}`, `InvalidParameter.<Param>.Length`, ...),
 * so each family is generated from its members and one message template; the keys stay literal types
 * and `apiError('EntityNotExist.Role', name)` is checked at compile time.
 */
type Family<P extends string, M extends string, A extends unknown[]> = { readonly [K in `${P}.${M}`]: ErrorDef<A> };

function family<P extends string, const M extends string, A extends unknown[]>(
  prefix: P,
  members: readonly M[],
  status: number,
  message: (member: M) => (...args: A) => string,
): Family<P, M, A> {
  return Object.fromEntries(members.map((m) => [`${prefix}.${m}`, def(status, message(m))])) as Family<P, M, A>;
}

/** `EntityAlreadyExists.Role.Policy` → "role policy": the words of a dotted entity path. */
const words = (member: string) => member.split('.').map((w) => w.toLowerCase()).join(' ');

const NAMED = ['GroupName', 'NewGroupName', 'RoleName', 'PolicyName'] as const;
// Comments/NewComments.Length and EntityNotExist.User belong to the users table (ram-users.ts).
const TEXTS = ['Description', 'NewDescription'] as const;
const DURATIONS = ['MaxSessionDuration', 'NewMaxSessionDuration'] as const;

export const ramErrors = {
  ...family('InvalidParameter', NAMED.map((n) => `${n}.InvalidChars` as const), 400, (m) => () =>
    `The parameter - "${m.split('.')[0]}" contains invalid chars.`),
  ...family('InvalidParameter', [...NAMED, ...TEXTS].map((n) => `${n}.Length` as const), 400, (m) => () =>
    `The parameter - "${m.split('.')[0]}" beyond the length limit.`),
  // No code is published for an out-of-range MaxSessionDuration; this follows the documented
  // `InvalidParameter.MinimumPasswordLength.Range` pattern (docs/ram-access.md).
  ...family('InvalidParameter', DURATIONS.map((n) => `${n}.Range` as const), 400, (m) => () =>
    `The parameter - "${m.split('.')[0]}" MUST be in the range of 3600 and 43200.`),
  'InvalidParameter.PolicyType': def(400, 'The parameter - "PolicyType" is incorrect.'),
  'InvalidParameter.VersionId.Format': def(400, 'The format of the parameter - "VersionId" is incorrect.'),
  'InvalidParameter.RotateStrategy': def(400, 'The parameter - "RotateStrategy" is incorrect.'),

  ...family('EntityNotExist', ['Group', 'Role', 'Policy'], 404, (m) => (name: string) =>
    `The ${words(m)} does not exist: ${name}.`),
  ...family('EntityNotExist', ['User.Group', 'User.Policy', 'Group.Policy', 'Role.Policy', 'Policy.Version'], 404, (m) => (name: string) =>
    `The ${words(m)} does not exist: ${name}.`),
  ...family('EntityAlreadyExists', ['Group', 'Role', 'Policy'], 409, (m) => (name: string) =>
    `The ${words(m)} does already EXIST: ${name}.`),
  ...family('EntityAlreadyExists', ['User.Group', 'User.Policy', 'Group.Policy', 'Role.Policy'], 409, (m) => (name: string) =>
    `The ${words(m)} does already EXIST: ${name}.`),
  ...family('DeleteConflict', ['Group.User', 'Group.Policy', 'Role.Policy', 'Policy.User', 'Policy.Group', 'Policy.Role', 'Policy.Version'], 409, (m) => () => {
    const [owner, held] = m.split('.') as [string, string];
    return `The ${owner.toLowerCase()} CAN NOT has any ${held.toLowerCase()} while deleting the ${owner.toLowerCase()}.`;
  }),
  'DeleteConflict.Policy.Version.Default': def(409, 'The default version of the policy CAN NOT be deleted.'),
  ...family('LimitExceeded', ['Group', 'Role', 'Policy', 'User.Group', 'User.Policy', 'Group.Policy', 'Role.Policy', 'Policy.Version'], 409, (m) => () =>
    `The count of ${words(m)} beyond the current limits.`),

  // DecodeDiagnosticMessage (§2.12). A message that does not open under our key names no diagnosis we
  // issued, hence "does not exist"; one sealed for another account's principal is not the caller's to read.
  EntityNotExist: def(404, 'The encoded diagnostic message does not exist.'),
  EncodedMessageExpire: def(400, 'The encoded diagnostic message has expired.'),
} as const;
