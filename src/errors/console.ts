import { def } from './api-error.js';

/**
 * Errors of the web console's own steps (logon, session, Switch Role, verification codes). Everything
 * the console does through an action answers with that action's errors; catalogue.ts merges this table.
 */
export const consoleErrors = {
  // One message for an unknown account, an unknown user and a wrong password: no enumeration.
  'Console.LogonFailed': def(401, 'The logon name or password is incorrect.'),
  'Console.LogonLocked': def(403, 'Too many failed logon attempts. The logon is locked for an hour.'),
  'Console.MFACodeIncorrect': def(401, 'The MFA code is incorrect.'),
  'Console.PasswordExpired': def(403, 'The password has expired and the password policy does not let you change it at logon (HardExpiry). Ask an administrator to reset it.'),
  'Console.NotLoggedOn': def(401, 'You are not logged on, or your console session has expired.'),
  'Console.LogonIncomplete': def(403, (step: string) => `Finish logging on first: ${step}.`),
  'Console.CsrfTokenMismatch': def(403, 'The request is missing a valid x-csrf-token header.'),
  'Console.JsonRequired': def(415, 'Send the request body as application/json.'),
  'Console.BadRequest': def(400, (why: string) => `The request is malformed: ${why}.`),
  'Console.AccountNotFound': def(404, (name: string) => `No account has the alias, default domain or ID "${name}".`),
  'Console.NotSwitched': def(400, 'The console is not acting as a role.'),
  'Console.VerificationCodeRequired': def(403, 'This operation needs the verification code sent to the account owner.'),
  'Console.VerificationCodeIncorrect': def(403, 'The verification code is incorrect or has expired.'),
} as const;
