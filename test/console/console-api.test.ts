import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewAccount } from '../../src/services/accounts/accounts.js';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { ConsoleClient } from './console-client.js';
import { ARMS, LogCapture, REGION, createConsoleUser, createTrustingRole, rootLogon } from './scenario.js';

const PASSWORD = 'Console-Test-1!';

describe('console API', () => {
  let server: TestServer;
  const log = new LogCapture();
  let a: NewAccount;
  let b: NewAccount;
  let rootA: ConsoleClient;
  let rootB: ConsoleClient;

  beforeAll(async () => {
    server = await startTestServer({ logDestination: log });
    a = await server.createAccount(uniqueAlias('a'));
    b = await server.createAccount(uniqueAlias('b'));
    rootA = await rootLogon(server, a.accountId, a.rootPassword);
    rootB = await rootLogon(server, b.accountId, b.rootPassword);
    await createTrustingRole(rootA, 'partner-ops', b.accountId, ['AliyunARMSReadOnlyAccess']);
    await createConsoleUser(rootB, log, b.accountId, 'alice', PASSWORD);
    await createConsoleUser(rootB, log, b.accountId, 'nobody', PASSWORD);
  });
  afterAll(() => server?.stop());

  const userLogon = async (logonName: string) => {
    const client = new ConsoleClient(server.httpUrl);
    const answer = await client.post('/logon/user', { logonName, password: PASSWORD });
    expect(answer.status).toBe(200);
    return client;
  };

  it('sets the session cookie HttpOnly and SameSite=Strict, not Secure over plain HTTP, for LoginSessionDuration', async () => {
    const client = await rootLogon(server, a.accountId, a.rootPassword);
    const cookie = client.lastSetCookies.find((c) => c.startsWith('ramstack_console='))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\/console/);
    expect(cookie).not.toMatch(/Secure/);
    // The default LoginSessionDuration: 6 hours.
    expect(cookie).toMatch(/Max-Age=21600/);
  });

  it('threat: cross-site request forgery — a state-changing call without the CSRF header is refused', async () => {
    const answer = await rootA.action('2015-05-01', 'CreateGroup', { GroupName: 'forged' }, { 'x-csrf-token': '' });
    expect(answer.status).toBe(403);
    expect(answer.json.Code).toBe('Console.CsrfTokenMismatch');
    expect((await rootA.ram('GetGroup', { GroupName: 'forged' })).json.Code).toBe('EntityNotExist.Group');
  });

  it('threat: forged session cookie — a cookie not sealed by the server is not a session', async () => {
    const response = await fetch(`${server.httpUrl}/console/api/me`, { headers: { cookie: 'ramstack_console=v1.console.AAAA.BBBB' } });
    expect(response.status).toBe(401);
  });

  it('threat: password guessing — logons lock after MaxLoginAttemps failures, with the same message for an unknown user', async () => {
    const client = new ConsoleClient(server.httpUrl);
    const attempt = (logonName: string, password: string) => client.post('/logon/user', { logonName, password });
    const known = await attempt(`alice@${b.alias}`, 'wrong-password');
    const unknown = await attempt(`ghost@${b.alias}`, 'wrong-password');
    expect(known.status).toBe(401);
    expect(unknown.json.Message).toBe(known.json.Message);
    expect(unknown.json.Code).toBe(known.json.Code);
    for (let i = 1; i < 5; i++) await attempt(`alice@${b.alias}`, 'wrong-password');
    const locked = await attempt(`alice@${b.alias}`, PASSWORD);
    expect(locked.json.Code).toBe('Console.LogonLocked');
    for (let i = 1; i < 5; i++) await attempt(`ghost@${b.alias}`, 'wrong-password');
    expect((await attempt(`ghost@${b.alias}`, PASSWORD)).json.Message).toBe(locked.json.Message);
  });

  it('accepts the three logon-name forms of a RAM user', async () => {
    for (const name of [`nobody@${b.alias}`, `nobody@${b.alias}.onaliyun.com`, `nobody@${b.accountId}.onaliyun.com`]) {
      const me = await (await userLogon(name)).call('GET', '/me');
      expect(me.json.identity).toMatchObject({ kind: 'user', userName: 'nobody', accountId: b.accountId });
    }
  });

  it('runs actions as the session identity: a user without policies is denied with the reason', async () => {
    const nobody = await userLogon(`nobody@${b.alias}`);
    const denied = await nobody.ram('ListUsers');
    expect(denied.status).toBe(403);
    expect(denied.json.Code).toBe('NoPermission');
    expect(denied.json.AccessDeniedDetail).toMatchObject({ AuthAction: 'ram:ListUsers', NoPermissionType: 'ImplicitDeny' });
    expect((await rootB.ram('ListUsers')).status).toBe(200);
  });

  it('asks for the account owner’s verification code before CreateUser', async () => {
    const without = await rootB.action('2015-05-01', 'CreateUser', { UserName: 'unverified' });
    expect(without.json.Code).toBe('Console.VerificationCodeRequired');
    await rootB.post('/verification-code');
    const wrong = await rootB.action('2015-05-01', 'CreateUser', { UserName: 'unverified' }, { 'x-verification-code': 'abcdef' });
    expect(wrong.json.Code).toBe('Console.VerificationCodeIncorrect');
  });

  it('Switch Role acts in A with the role’s rights, and switch-back returns to the user', async () => {
    const user = new ConsoleClient(server.httpUrl);
    await user.post('/logon/user', { logonName: `nobody@${b.alias}`, password: PASSWORD });
    await rootB.ram('AttachPolicyToUser', { PolicyType: 'System', PolicyName: 'AliyunSTSAssumeRoleAccess', UserName: 'nobody' });
    const switched = await user.post('/switch-role', { account: `${a.alias}.onaliyun.com`, role: 'partner-ops' });
    expect(switched.status).toBe(200);
    expect(switched.json.actingAs).toEqual({ kind: 'session', accountId: a.accountId, arn: `acs:ram::${a.accountId}:assumed-role/partner-ops/nobody` });
    expect(switched.json.recentRoles[0]).toEqual({ account: `${a.alias}.onaliyun.com`, role: 'partner-ops' });
    expect((await user.action(ARMS, 'ListTraceApps', { RegionId: REGION })).status).toBe(200);
    const write = await user.action(ARMS, 'CreateAlertContact', { RegionId: REGION, ContactName: 'ops', Email: 'ops@example.com' });
    expect(write.status).toBe(403);
    expect(write.json.AccessDeniedDetail.AuthAction).toBe('arms:CreateAlertContact');
    const back = await user.post('/switch-back');
    expect(back.json.actingAs).toMatchObject({ kind: 'user', accountId: b.accountId });
    expect(back.json.role).toBeUndefined();
  });

  it('refuses Switch Role to the root account', async () => {
    const answer = await rootB.post('/switch-role', { account: a.accountId, role: 'partner-ops' });
    expect(answer.status).toBe(403);
    expect(answer.json.Message).toBe('Roles may not be assumed by root accounts.');
  });

  it('logout ends the session', async () => {
    const nobody = await userLogon(`nobody@${b.alias}`);
    await nobody.post('/logout');
    expect((await nobody.call('GET', '/me')).status).toBe(401);
  });

  it('threat: a session cookie copied before logout no longer works after it (Console.NotLoggedOn)', async () => {
    const victim = await userLogon(`nobody@${b.alias}`);
    const thief = victim.copy();
    expect((await thief.call('GET', '/me')).status).toBe(200);
    await victim.post('/logout');
    const me = await thief.call('GET', '/me');
    expect(me.status).toBe(401);
    expect(me.json.Code).toBe('Console.NotLoggedOn');
    expect((await thief.ram('ListUsers')).json.Code).toBe('Console.NotLoggedOn');
  });

  it("logging out one session leaves the same user's other sessions working", async () => {
    const first = await userLogon(`nobody@${b.alias}`);
    const second = await userLogon(`nobody@${b.alias}`);
    await first.post('/logout');
    expect((await second.call('GET', '/me')).status).toBe(200);
  });
});
