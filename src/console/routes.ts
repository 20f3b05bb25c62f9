import { randomInt, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiError } from '../errors/catalogue.js';
import { defaultDomain } from '../identity/names.js';
import type { Sealer } from '../secrets/sealer.js';
import type { RequestInfo } from '../services/action.js';
import type { Store } from '../store/store.js';
import type { Acting } from './acting.js';
import { bindOfferedDevice, offerMfaDevice } from './mfa-binding.js';
import { isLoggedOut, recordLogout } from './logouts.js';
import { PENDING_LOGON_MS, type Logon } from './logon.js';
import type { Notifier } from './notifier.js';
import { CSRF_COOKIE, SESSION_COOKIE, type ConsoleSession, type SessionCodec } from './session.js';
import { cookieHeader, isSecure, jsonBody, readCookie, requestInfo, sendError, stringField } from './web-io.js';

export interface ConsoleApiDeps {
  store: Store;
  sealer: Sealer;
  codec: SessionCodec;
  logon: Logon;
  acting: Acting;
  notifier: Notifier;
  clock: () => number;
}

/** Operations that need a verification code sent to the account owner first (product.md step 3). */
const VERIFIED_ACTIONS = new Set(['2015-05-01/CreateUser', '2019-08-15/CreateUser']);
const VERIFICATION_MS = 10 * 60_000;

interface Call {
  request: FastifyRequest;
  reply: FastifyReply;
  info: RequestInfo;
}

/** The console API under /console/api: logon steps, session, the generic action endpoint, Switch Role. */
export function registerConsoleApi(app: FastifyInstance, deps: ConsoleApiDeps): void {
  const { codec, logon, acting } = deps;

  const writeSession = (call: Call, session: ConsoleSession | null): void => {
    const secure = isSecure(call.request);
    const maxAgeSeconds = session ? (session.expiresAt - call.info.now) / 1000 : 0;
    call.reply.header('set-cookie', [
      cookieHeader(SESSION_COOKIE, session ? codec.seal(session) : '', { maxAgeSeconds, httpOnly: true, secure }),
      // Readable by the page's script, which echoes it in x-csrf-token; the sealed session holds the same value.
      cookieHeader(CSRF_COOKIE, session?.csrf ?? '', { maxAgeSeconds, httpOnly: false, secure }),
    ]);
  };

  /** The session in the cookie: sealed by us, unexpired, and not ended by a logout. */
  const sessionOf = async (call: Call): Promise<ConsoleSession> => {
    const session = codec.open(readCookie(call.request, SESSION_COOKIE), call.info.now);
    if (!session || (await isLoggedOut(deps.store, session))) throw apiError('Console.NotLoggedOn');
    return session;
  };

  /** A state-changing call: the x-csrf-token header must equal the token sealed in the session. */
  const checkedSessionOf = async (call: Call): Promise<ConsoleSession> => {
    const session = await sessionOf(call);
    if (!sameSecret(call.request.headers['x-csrf-token'], session.csrf)) throw apiError('Console.CsrfTokenMismatch');
    return session;
  };

  const activeSessionOf = async (call: Call, checked: boolean): Promise<ConsoleSession> => {
    const session = checked ? await checkedSessionOf(call) : await sessionOf(call);
    if (session.pending[0]) throw apiError('Console.LogonIncomplete', session.pending[0]);
    return session;
  };

  const route = (method: 'GET' | 'POST', url: string, handle: (call: Call) => Promise<unknown>, version?: (request: FastifyRequest) => string) =>
    app.route({
      method,
      url: `/console/api${url}`,
      handler: async (request, reply) => {
        const call: Call = { request, reply, info: requestInfo(request, deps.clock()) };
        try {
          const body = await handle(call);
          return reply.header('cache-control', 'no-store').header('content-type', 'application/json;charset=utf-8').send(JSON.stringify(body));
        } catch (err) {
          return sendError(reply, err, call.info.requestId, version?.(request));
        }
      },
    });

  const describe = async (call: Call, session: ConsoleSession) => {
    const identity = session.identity;
    const account = await deps.store.db.selectFrom('accounts').select(['alias']).where('account_id', '=', identity.accountId).executeTakeFirst();
    const alias = account?.alias ?? null;
    const base = {
      csrfToken: session.csrf,
      pending: session.pending,
      expiresAt: new Date(session.expiresAt).toISOString(),
      account: { accountId: identity.accountId, alias, defaultDomain: defaultDomain(identity.accountId, alias) },
      identity: identity.kind === 'root' ? { kind: 'root', accountId: identity.accountId } : { kind: 'user', accountId: identity.accountId, userName: identity.userName, logonName: `${identity.userName}@${defaultDomain(identity.accountId, alias)}` },
      recentRoles: session.recentRoles,
    };
    if (session.pending.length > 0) return base;
    const caller = await acting.currentCaller(session, call.info.now);
    const role = session.role && { roleName: session.role.roleName, accountId: session.role.accountId, accountLabel: session.role.accountLabel, arn: caller.arn, expiresAt: new Date(session.role.expiresAt).toISOString() };
    return { ...base, actingAs: { kind: caller.kind, accountId: caller.accountId, arn: caller.arn }, ...(role ? { role } : {}) };
  };

  const respondWith = async (call: Call, session: ConsoleSession) => {
    writeSession(call, session);
    return describe(call, session);
  };

  route('POST', '/logon/root', async (call) => {
    const body = jsonBody(call.request);
    return respondWith(call, await logon.root(stringField(body, 'identifier'), stringField(body, 'password'), call.info.now));
  });

  route('POST', '/logon/user', async (call) => {
    const body = jsonBody(call.request);
    return respondWith(call, await logon.user(stringField(body, 'logonName'), stringField(body, 'password'), call.info.now));
  });

  route('POST', '/logon/mfa', async (call) => {
    const session = await checkedSessionOf(call);
    return respondWith(call, await logon.mfa(session, stringField(jsonBody(call.request), 'code'), call.info.now));
  });

  route('POST', '/logon/change-password', async (call) => {
    const session = await checkedSessionOf(call);
    if (session.pending[0] !== 'change-password') throw apiError('Console.BadRequest', 'no password change is expected');
    const body = jsonBody(call.request);
    const params = { OldPassword: stringField(body, 'oldPassword'), NewPassword: stringField(body, 'newPassword') };
    await acting.run('2015-05-01', 'ChangePassword', params, await acting.logonCaller(session), call.info);
    return respondWith(call, await logon.advance(session, call.info.now));
  });

  route('POST', '/logon/bind-mfa/start', async (call) => {
    const session = await checkedSessionOf(call);
    if (session.pending[0] !== 'bind-mfa' || session.identity.kind !== 'user') throw apiError('Console.BadRequest', 'no MFA binding is expected');
    const offer = await offerMfaDevice(deps.store, session.identity);
    writeSession(call, { ...session, mfaSeed: offer.seed, expiresAt: call.info.now + PENDING_LOGON_MS });
    return { secret: offer.seed, qrCodePng: offer.qrCodePng };
  });

  route('POST', '/logon/bind-mfa/finish', async (call) => {
    const session = await checkedSessionOf(call);
    if (session.pending[0] !== 'bind-mfa' || session.identity.kind !== 'user' || !session.mfaSeed) throw apiError('Console.BadRequest', 'start the MFA binding first');
    const body = jsonBody(call.request);
    const identity = session.identity;
    const caller = await acting.logonCaller(session);
    await bindOfferedDevice(deps.store, deps.sealer, identity, session.mfaSeed, [stringField(body, 'code1'), stringField(body, 'code2')], call.info.now, (trx, serialNumber) =>
      acting.fileLogonStep(trx, caller, 'BindMFADevice', { UserName: identity.userName, SerialNumber: serialNumber }, call.info));
    return respondWith(call, await logon.advance({ ...session, identity: { ...session.identity, mfa: true } }, call.info.now));
  });

  route('POST', '/logout', async (call) => {
    await recordLogout(deps.store, await checkedSessionOf(call), call.info.now);
    writeSession(call, null);
    return {};
  });

  route('GET', '/me', async (call) => describe(call, await sessionOf(call)));

  route(
    'POST',
    '/actions/:version/:action',
    async (call) => {
      const session = await activeSessionOf(call, true);
      const { version, action } = call.request.params as { version: string; action: string };
      const params = actionParams(jsonBody(call.request));
      const sensitive = VERIFIED_ACTIONS.has(`${version}/${action}`);
      if (sensitive) checkVerificationCode(session, call.request.headers['x-verification-code'], call.info.now);
      const result = await acting.run(version, action, params, await acting.currentCaller(session, call.info.now), call.info);
      // A code is good for one operation.
      if (sensitive) writeSession(call, { ...session, verification: undefined });
      return { RequestId: call.info.requestId, ...result };
    },
    (request) => (request.params as { version: string }).version,
  );

  route('POST', '/verification-code', async (call) => {
    const session = await activeSessionOf(call, true);
    const caller = await acting.currentCaller(session, call.info.now);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await deps.notifier.notify(caller.accountId, 'verification-code', `Your ramstack console verification code is ${code}. It is valid for 10 minutes.`, call.info.now);
    writeSession(call, { ...session, verification: { code, expiresAt: call.info.now + VERIFICATION_MS } });
    return { sentTo: 'account owner' };
  });

  route('POST', '/switch-role', async (call) => {
    const session = await activeSessionOf(call, true);
    const body = jsonBody(call.request);
    return respondWith(call, await acting.switchRole(session, stringField(body, 'account'), stringField(body, 'role'), call.info));
  });

  route('POST', '/switch-back', async (call) => {
    const session = await activeSessionOf(call, true);
    if (!session.role) throw apiError('Console.NotSwitched');
    const { role, ...rest } = session;
    return respondWith(call, rest);
  });
}

/** Action parameters as the gateway takes them: strings; numbers and booleans written as the API spells them. */
function actionParams(body: Record<string, unknown>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    params[name] = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return params;
}

function checkVerificationCode(session: ConsoleSession, header: string | string[] | undefined, now: number): void {
  if (typeof header !== 'string' || header === '') throw apiError('Console.VerificationCodeRequired');
  const expected = session.verification;
  if (!expected || expected.expiresAt <= now || !sameSecret(header, expected.code)) throw apiError('Console.VerificationCodeIncorrect');
}

/** Constant-time comparison of a header with the value sealed in the session. */
function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  const a = Buffer.from(typeof given === 'string' ? given : '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
