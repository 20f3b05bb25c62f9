import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewAccount } from '../../src/services/accounts/accounts.js';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { ConsoleClient } from './console-client.js';
import { LogCapture, createConsoleUser, rootLogon } from './scenario.js';
import { manualClock } from '../sts/fixture.js';

const PASSWORD = 'Console-Test-1!';
const STEP_MS = 30_000;

/** A role whose trust policy admits B's people only when they proved MFA (acs:MFAPresent). */
describe('acs:MFAPresent through the console', () => {
  let server: TestServer;
  const log = new LogCapture();
  let a: NewAccount;
  let b: NewAccount;
  let seed = '';
  // A TOTP code is taken once: each logon here moves the server's clock to the next 30-second step.
  const clock = manualClock();
  const nextCode = () => {
    clock.offsetMs += STEP_MS;
    return authenticator.clone({ epoch: clock.now() }).generate(seed);
  };

  beforeAll(async () => {
    server = await startTestServer({ logDestination: log, clock: clock.now });
    a = await server.createAccount(uniqueAlias('a'));
    b = await server.createAccount(uniqueAlias('b'));
    const rootA = await rootLogon(server, a.accountId, a.rootPassword);
    const trust = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${b.accountId}:root`] }, Condition: { Bool: { 'acs:MFAPresent': 'true' } } }] };
    expect((await rootA.ram('CreateRole', { RoleName: 'mfa-only', AssumeRolePolicyDocument: JSON.stringify(trust) })).status).toBe(200);

    const rootB = await rootLogon(server, b.accountId, b.rootPassword);
    for (const name of ['with-mfa', 'without-mfa']) await createConsoleUser(rootB, log, b.accountId, name, PASSWORD, ['AliyunSTSAssumeRoleAccess']);
    const device = await rootB.ram('CreateVirtualMFADevice', { VirtualMFADeviceName: 'with-mfa-phone' });
    seed = device.json.VirtualMFADevice.Base32StringSeed;
    const now = clock.now();
    const code = (at: number) => authenticator.clone({ epoch: at }).generate(seed);
    const bound = await rootB.ram('BindMFADevice', { UserName: 'with-mfa', SerialNumber: device.json.VirtualMFADevice.SerialNumber, AuthenticationCode1: code(now - STEP_MS), AuthenticationCode2: code(now) });
    expect(bound.status).toBe(200);
  });
  afterAll(() => server?.stop());

  // First: right after the binding, while the binding's own codes are still inside the ±1-step window.
  it('threat: the code that bound the device does not open a logon', async () => {
    const user = new ConsoleClient(server.httpUrl);
    await user.post('/logon/user', { logonName: `with-mfa@${b.alias}`, password: PASSWORD });
    const refused = await user.post('/logon/mfa', { code: authenticator.clone({ epoch: clock.now() }).generate(seed) });
    expect(refused.json.Code).toBe('Console.MFACodeIncorrect');
  });

  it('admits a user who logged on with an MFA code', async () => {
    const user = new ConsoleClient(server.httpUrl);
    expect((await user.post('/logon/user', { logonName: `with-mfa@${b.alias}`, password: PASSWORD })).json.pending).toEqual(['mfa']);
    expect((await user.post('/logon/mfa', { code: nextCode() })).status).toBe(200);
    const switched = await user.post('/switch-role', { account: a.accountId, role: 'mfa-only' });
    expect(switched.status).toBe(200);
    expect(switched.json.actingAs.arn).toBe(`acs:ram::${a.accountId}:assumed-role/mfa-only/with-mfa`);
  });

  it('carries the MFA into the role session (the audit trail shows it as MFA-authenticated)', async () => {
    const user = new ConsoleClient(server.httpUrl);
    await user.post('/logon/user', { logonName: `with-mfa@${b.alias}`, password: PASSWORD });
    expect((await user.post('/logon/mfa', { code: nextCode() })).status).toBe(200);
    await user.post('/switch-role', { account: a.accountId, role: 'mfa-only' });
    const identity = await user.action('2015-04-01', 'GetCallerIdentity');
    const rootA = await rootLogon(server, a.accountId, a.rootPassword);
    const lookup = async () => {
      const found = await rootA.action('2020-07-06', 'LookupEvents', { 'LookupAttribute.1.Key': 'EventName', 'LookupAttribute.1.Value': 'GetCallerIdentity' });
      return (found.json.Events ?? []).find((e: { requestId: string }) => e.requestId === identity.json.RequestId);
    };
    await expect.poll(lookup, { timeout: 5000, interval: 200 }).toBeDefined();
    expect((await lookup()).userIdentity.sessionContext.mfaAuthenticated).toBe(true);
  });

  it('threat: an MFA code that opened one logon is refused for another (replayed within its window)', async () => {
    const code = nextCode();
    const first = new ConsoleClient(server.httpUrl);
    await first.post('/logon/user', { logonName: `with-mfa@${b.alias}`, password: PASSWORD });
    expect((await first.post('/logon/mfa', { code })).status).toBe(200);
    const replay = new ConsoleClient(server.httpUrl);
    await replay.post('/logon/user', { logonName: `with-mfa@${b.alias}`, password: PASSWORD });
    expect((await replay.post('/logon/mfa', { code })).json.Code).toBe('Console.MFACodeIncorrect');
  });

  it('refuses a user who logged on without MFA, naming the trust policy', async () => {
    const user = new ConsoleClient(server.httpUrl);
    await user.post('/logon/user', { logonName: `without-mfa@${b.alias}`, password: PASSWORD });
    const switched = await user.post('/switch-role', { account: a.accountId, role: 'mfa-only' });
    expect(switched.status).toBe(403);
    expect(switched.json.AccessDeniedDetail.PolicyType).toBe('AssumeRolePolicy');
  });
});
