import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewAccount } from '../../src/services/accounts/accounts.js';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { manualClock } from '../sts/fixture.js';
import { ConsoleClient } from './console-client.js';
import { LogCapture, createConsoleUser, rootLogon } from './scenario.js';

/** MaxPasswordAge and HardExpiry at console logon (api-facts §2.7), on a server whose clock the test moves. */
const PASSWORD = 'Expiring-Passw0rd';
const DAY_MS = 86_400_000;

describe('password expiry at console logon', () => {
  const log = new LogCapture();
  const clock = manualClock();
  let server: TestServer;
  let account: NewAccount;
  let root: ConsoleClient;

  beforeAll(async () => {
    server = await startTestServer({ logDestination: log, clock: clock.now });
    account = await server.createAccount(uniqueAlias('exp'));
    root = await rootLogon(server, account.accountId, account.rootPassword);
    for (const name of ['fresh', 'stale', 'hard']) await createConsoleUser(root, log, account.accountId, name, PASSWORD);
    expect((await root.ram('SetPasswordPolicy', { MaxPasswordAge: '30' })).status).toBe(200);
  });
  afterAll(() => server?.stop());

  const logon = async (userName: string) => {
    const user = new ConsoleClient(server.httpUrl);
    return { user, answer: await user.post('/logon/user', { logonName: `${userName}@${account.alias}`, password: PASSWORD }) };
  };
  /** Runs fn with the server's clock moved forward by days. */
  const daysLater = async <T>(days: number, fn: () => Promise<T>): Promise<T> => {
    clock.offsetMs = days * DAY_MS;
    try {
      return await fn();
    } finally {
      clock.offsetMs = 0;
    }
  };

  it('a password younger than MaxPasswordAge logs on with nothing pending', async () => {
    const { answer } = await daysLater(29, () => logon('fresh'));
    expect(answer.status).toBe(200);
    expect(answer.json.pending).toEqual([]);
  });

  it('a password older than MaxPasswordAge must be changed before the console opens', async () => {
    await daysLater(31, async () => {
      const { user, answer } = await logon('stale');
      expect(answer.json.pending).toEqual(['change-password']);
      expect((await user.post('/logon/change-password', { oldPassword: PASSWORD, newPassword: 'Renewed-Passw0rd' })).status).toBe(200);
      const again = new ConsoleClient(server.httpUrl);
      expect((await again.post('/logon/user', { logonName: `stale@${account.alias}`, password: 'Renewed-Passw0rd' })).json.pending).toEqual([]);
    });
  });

  it('threat: with HardExpiry an expired password does not open the console (Console.PasswordExpired, 403)', async () => {
    expect((await root.ram('SetPasswordPolicy', { HardExpiry: 'true' })).status).toBe(200);
    try {
      const { answer } = await daysLater(31, () => logon('hard'));
      expect(answer.status).toBe(403);
      expect(answer.json.Code).toBe('Console.PasswordExpired');
    } finally {
      await root.ram('SetPasswordPolicy', { HardExpiry: 'false' });
    }
  });
});
