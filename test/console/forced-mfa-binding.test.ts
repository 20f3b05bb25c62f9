import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewAccount } from '../../src/services/accounts/accounts.js';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { ConsoleClient } from './console-client.js';
import { LogCapture, createConsoleUser, rootLogon } from './scenario.js';

const PASSWORD = 'Binding-Passw0rd';
const STEP_MS = 30_000;

/** The forced MFA binding of a logon (MFABindRequired) is a logon step, and still goes in the trail. */
describe('forced MFA binding at console logon', () => {
  const log = new LogCapture();
  let server: TestServer;
  let account: NewAccount;
  let root: ConsoleClient;

  beforeAll(async () => {
    server = await startTestServer({ logDestination: log });
    account = await server.createAccount(uniqueAlias('bind'));
    root = await rootLogon(server, account.accountId, account.rootPassword);
    await createConsoleUser(root, log, account.accountId, 'binder', PASSWORD, [], { MFABindRequired: 'true' });
  });
  afterAll(() => server?.stop());

  it("is filed in the account's trail as the user's BindMFADevice console operation, without the codes", async () => {
    const user = new ConsoleClient(server.httpUrl);
    expect((await user.post('/logon/user', { logonName: `binder@${account.alias}`, password: PASSWORD })).json.pending).toEqual(['bind-mfa']);
    const { secret } = (await user.post('/logon/bind-mfa/start')).json;
    const now = Date.now();
    const [code1, code2] = [authenticator.clone({ epoch: now - STEP_MS }).generate(secret), authenticator.clone({ epoch: now }).generate(secret)];
    expect((await user.post('/logon/bind-mfa/finish', { code1, code2 })).status).toBe(200);

    const found = await root.action('2020-07-06', 'LookupEvents', { 'LookupAttribute.1.Key': 'EventName', 'LookupAttribute.1.Value': 'BindMFADevice' });
    expect(found.json.Events).toHaveLength(1);
    const event = found.json.Events[0];
    expect(event).toMatchObject({
      eventType: 'ConsoleOperation',
      eventRW: 'Write',
      userIdentity: { type: 'ram-user', userName: 'binder' },
      requestParameters: { UserName: 'binder', SerialNumber: `acs:ram::${account.accountId}:mfa/binder` },
    });
    expect(Object.keys(event.requestParameters).sort()).toEqual(['SerialNumber', 'UserName']);
    expect(JSON.stringify(event)).not.toContain(secret);
  });
});
