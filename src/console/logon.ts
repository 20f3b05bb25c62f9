import { apiError } from '../errors/catalogue.js';
import { verifyPassword } from '../secrets/password.js';
import type { Sealer } from '../secrets/sealer.js';
import { verifyUserPassword } from '../services/ram/login-profiles.js';
import { verifyUserTotp } from '../services/ram/mfa.js';
import { DEFAULT_PASSWORD_POLICY, passwordPolicyOf, securityPreferenceOf } from '../services/ram/account-settings.js';
import type { Store } from '../store/store.js';
import { findAccountByName, findAccountForRoot, splitLogonName } from './accounts.js';
import type { LogonLimiter } from './lockout.js';
import { newCsrfToken, type ConsoleSession, type LogonIdentity, type PendingStep } from './session.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** How long a half-finished logon (waiting for an MFA code, a new password, a binding) stays usable. */
export const PENDING_LOGON_MS = 10 * 60_000;

/**
 * The logon steps (api-facts §7): password, then the MFA code when a device is bound, then a forced
 * password change, then a forced MFA binding. Every failure counts toward the account's
 * MaxLoginAttemps and answers the same words whether the name or the password was wrong.
 */
export class Logon {
  constructor(
    private readonly store: Store,
    private readonly sealer: Sealer,
    private readonly limiter: LogonLimiter,
  ) {}

  async root(identifier: string, password: string, now: number): Promise<ConsoleSession> {
    const account = await findAccountForRoot(this.store, identifier);
    const key = `${account?.account_id ?? 'unknown'}/root:${identifier.trim().toLowerCase()}`;
    await this.refuseWhenLocked(key, now);
    // An unknown account still costs a hash comparison, so timing does not tell it apart.
    const ok = await verifyPassword(password, account?.root_password_hash ?? 'scrypt$16384$8$1$AAAA$AAAA');
    if (!account || !ok) return this.failed(key, account?.account_id, now);
    await this.limiter.succeed(key);
    return this.session({ kind: 'root', accountId: account.account_id }, [], now);
  }

  async user(logonName: string, password: string, now: number): Promise<ConsoleSession> {
    const parts = splitLogonName(logonName);
    const account = parts ? await findAccountByName(this.store, parts.domain) : undefined;
    const key = `${account?.account_id ?? 'unknown'}/user:${(parts?.userName ?? logonName).toLowerCase()}`;
    await this.refuseWhenLocked(key, now);
    const verified = account && parts ? await verifyUserPassword(this.store, account.account_id, parts.userName, password) : null;
    if (!account || !verified) return this.failed(key, account?.account_id, now);
    await this.limiter.succeed(key);
    const expired = await this.passwordExpired(account.account_id, verified.passwordChangedAt, now);
    if (expired === 'hard') throw apiError('Console.PasswordExpired');
    const identity: LogonIdentity = { kind: 'user', accountId: account.account_id, userId: verified.user.user_id, userName: verified.user.user_name };
    const bound = await this.hasMfaDevice(verified.user.user_id);
    const pending: PendingStep[] = [];
    if (bound) pending.push('mfa');
    if (verified.passwordResetRequired || expired === 'soft') pending.push('change-password');
    if (verified.mfaBindRequired && !bound) pending.push('bind-mfa');
    return this.session(identity, pending, now);
  }

  /**
   * Past the policy's MaxPasswordAge (days; 0 = never) a password must be changed at logon, or — with
   * HardExpiry — it no longer opens the console at all until an administrator resets it.
   */
  private async passwordExpired(accountId: string, changedAt: string, now: number): Promise<'no' | 'soft' | 'hard'> {
    const policy = await passwordPolicyOf(this.store.db, accountId);
    if (policy.MaxPasswordAge === 0 || now - Date.parse(changedAt) < policy.MaxPasswordAge * DAY_MS) return 'no';
    return policy.HardExpiry ? 'hard' : 'soft';
  }

  /** The MFA step; a wrong code counts as a failed logon. */
  async mfa(session: ConsoleSession, code: string, now: number): Promise<ConsoleSession> {
    const identity = session.identity;
    if (identity.kind !== 'user' || session.pending[0] !== 'mfa') throw apiError('Console.BadRequest', 'no MFA code is expected');
    const key = `${identity.accountId}/user:${identity.userName.toLowerCase()}`;
    await this.refuseWhenLocked(key, now);
    if (!(await verifyUserTotp(this.store, this.sealer, identity.accountId, identity.userId, code, now))) {
      const policy = await passwordPolicyOf(this.store.db, identity.accountId);
      await this.limiter.fail(key, policy.MaxLoginAttemps, now);
      throw apiError('Console.MFACodeIncorrect');
    }
    await this.limiter.succeed(key);
    return this.advance({ ...session, identity: { ...identity, mfa: true } }, now);
  }

  /** Drops the finished first step; the last one turns the session into a full one. */
  async advance(session: ConsoleSession, now: number): Promise<ConsoleSession> {
    const pending = session.pending.slice(1);
    const { mfaSeed, ...rest } = session;
    return pending.length > 0 ? { ...rest, pending } : { ...rest, pending, expiresAt: now + (await this.sessionLength(session.identity.accountId)) };
  }

  private async session(identity: LogonIdentity, pending: PendingStep[], now: number): Promise<ConsoleSession> {
    const expiresAt = pending.length > 0 ? now + PENDING_LOGON_MS : now + (await this.sessionLength(identity.accountId));
    return { identity, pending, csrf: newCsrfToken(), expiresAt, recentRoles: [] };
  }

  /** LoginSessionDuration of the account's security preference (hours, default 6). */
  private async sessionLength(accountId: string): Promise<number> {
    return (await securityPreferenceOf(this.store.db, accountId)).LoginSessionDuration * HOUR_MS;
  }

  private async hasMfaDevice(userId: string): Promise<boolean> {
    return (await this.store.db.selectFrom('mfa_devices').select('serial_number').where('user_id', '=', userId).executeTakeFirst()) !== undefined;
  }

  private async refuseWhenLocked(key: string, now: number): Promise<void> {
    if (await this.limiter.isLocked(key, now)) throw apiError('Console.LogonLocked');
  }

  private async failed(key: string, accountId: string | undefined, now: number): Promise<never> {
    const policy = accountId ? await passwordPolicyOf(this.store.db, accountId) : DEFAULT_PASSWORD_POLICY;
    await this.limiter.fail(key, policy.MaxLoginAttemps, now);
    throw apiError('Console.LogonFailed');
  }
}
