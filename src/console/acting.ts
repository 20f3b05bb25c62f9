import { apiError } from '../errors/catalogue.js';
import type { CredentialResolver } from '../gateway/credentials.js';
import type { Gateway } from '../gateway/gateway.js';
import { rootArn, roleArn, userArn } from '../identity/arn.js';
import type { Caller, RequestInfo } from '../services/action.js';
import type { Catalogue } from '../services/catalogue.js';
import type { Database, Store } from '../store/store.js';
import type { Transaction } from 'kysely';
import { findAccountByName } from './accounts.js';
import type { ConsoleSession, RecentRole } from './session.js';

const STS_VERSION = '2015-04-01';
const RAM_VERSION = '2015-05-01';
/** AssumeRole's floor (api-facts §1.2): a console session with less left still gets 15 minutes of role. */
const MIN_ROLE_SECONDS = 900;
const RECENT_ROLES = 5;

/**
 * Who the console acts as, and running catalogue actions as them. Every operation goes through
 * Gateway.execute — the same validation, policy evaluation, handler and audit as the API — so the
 * console can do exactly what the identity's policies allow and nothing else.
 */
export class Acting {
  constructor(
    private readonly gateway: Gateway,
    private readonly catalogue: Catalogue,
    private readonly credentials: CredentialResolver,
    private readonly store: Store,
  ) {}

  /** The logged-on identity itself; a RAM user deleted since the logon ends the session. */
  async logonCaller(session: ConsoleSession): Promise<Caller> {
    const identity = session.identity;
    if (identity.kind === 'root') return { kind: 'root', accountId: identity.accountId, arn: rootArn(identity.accountId), accessKeyId: null };
    const user = await this.store.db.selectFrom('users').select(['user_name']).where('user_id', '=', identity.userId).executeTakeFirst();
    if (!user) throw apiError('Console.NotLoggedOn');
    return { kind: 'user', accountId: identity.accountId, arn: userArn(identity.accountId, user.user_name), accessKeyId: null, userId: identity.userId, userName: user.user_name, mfaPresent: identity.mfa === true };
  }

  /** The identity the console acts as now: the assumed-role session after Switch Role, else the logon. */
  async currentCaller(session: ConsoleSession, now: number): Promise<Caller> {
    if (!session.role) return this.logonCaller(session);
    return (await this.credentials.resolve(session.role.accessKeyId, session.role.securityToken, now)).caller;
  }

  async run(version: string, name: string, params: Record<string, string>, caller: Caller, request: RequestInfo): Promise<Record<string, unknown>> {
    const action = this.catalogue.find(version, name);
    if (!action) throw apiError('InvalidAction.NotFound');
    return this.gateway.execute(action, params, caller, request, 'console');
  }

  /**
   * Files a logon step (see Gateway.recordStep) under the named RAM action. The caller is looked up
   * before the step's transaction begins: on SQLite a read outside it would wait for it forever.
   */
  async fileLogonStep(trx: Transaction<Database>, caller: Caller, name: string, params: Record<string, string>, request: RequestInfo): Promise<void> {
    const action = this.catalogue.find(RAM_VERSION, name);
    if (!action) throw apiError('InvalidAction.NotFound');
    await this.gateway.recordStep(trx, action, params, caller, request);
  }

  /**
   * Switch Role (api-facts §7): AssumeRole as the logged-on user — never as the current role, so
   * switching from one role to another is not a chain — with the user's name as the session name and
   * the role's maximum duration capped by what is left of the console session.
   */
  async switchRole(session: ConsoleSession, accountName: string, roleName: string, request: RequestInfo): Promise<ConsoleSession> {
    const account = await findAccountByName(this.store, accountName);
    if (!account) throw apiError('Console.AccountNotFound', accountName);
    const caller = await this.logonCaller(session);
    const role = await this.store.db
      .selectFrom('roles')
      .select('max_session_duration')
      .where('account_id', '=', account.account_id)
      .where('role_name_key', '=', roleName.toLowerCase())
      .executeTakeFirst();
    const remaining = Math.floor((session.expiresAt - request.now) / 1000);
    const duration = Math.max(MIN_ROLE_SECONDS, Math.min(role?.max_session_duration ?? 3600, remaining));
    const sessionName = caller.kind === 'user' ? caller.userName : 'root';
    const result = await this.run(STS_VERSION, 'AssumeRole', { RoleArn: roleArn(account.account_id, roleName), RoleSessionName: sessionName, DurationSeconds: String(duration) }, caller, request);
    const credentials = result.Credentials as { AccessKeyId: string; SecurityToken: string; Expiration: string };
    const recent: RecentRole = { account: accountName, role: roleName };
    return {
      ...session,
      role: {
        accessKeyId: credentials.AccessKeyId,
        securityToken: credentials.SecurityToken,
        expiresAt: Date.parse(credentials.Expiration),
        roleName,
        accountId: account.account_id,
        accountLabel: accountName,
      },
      recentRoles: [recent, ...session.recentRoles.filter((r) => r.account !== recent.account || r.role !== recent.role)].slice(0, RECENT_ROLES),
    };
  }
}
