import { authenticator } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewAccount } from '../../src/services/accounts/accounts.js';
import { traceApp } from '../arms/fixture.js';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { grant, launchBrowser, newPage as openPage, rootLogon as browserRootLogon, shot } from './browser.js';
import { LogCapture } from './scenario.js';

/**
 * The product scenario in a real browser, as two people do it: A's root creates the role and grants it
 * ARMS read-only; B's root creates the user (console logon, MFA required) and grants AssumeRole; the
 * user logs on, binds MFA, switches to A's role, sees A's app, is refused a write, switches back.
 */
const USER_PASSWORD = 'Operator-Pass-1!';

describe('console end to end (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  const log = new LogCapture();
  let a: NewAccount;
  let b: NewAccount;

  beforeAll(async () => {
    server = await startTestServer({ logDestination: log });
    a = await server.createAccount(uniqueAlias('a'));
    b = await server.createAccount(uniqueAlias('b'));
    await traceApp(server, a.accountId, 'a-checkout');
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const newPage = (): Promise<Page> => openPage(browser, server);
  const rootLogon = (account: NewAccount): Promise<Page> => browserRootLogon(browser, server, account);

  const createUser = async (page: Page, name: string, mode: 'console' | 'programmatic') => {
    await page.getByTestId('create-user').click();
    await page.getByTestId('new-user-name').fill(name);
    await page.getByTestId('new-user-display-name').fill(name);
    if (mode === 'programmatic') await page.getByTestId('mode-programmatic').click();
    else {
      await page.getByTestId('password-custom').click();
      await page.getByTestId('new-user-password').fill(USER_PASSWORD);
      await page.getByTestId('mfa-required').check();
    }
    await page.getByTestId('create-user-next').click();
    await page.getByTestId('verification-code').waitFor();
    await page.getByTestId('verification-code').fill(log.lastCode(b.accountId));
    await page.getByTestId('create-user-submit').click();
    await page.getByTestId('created-close').waitFor();
  };

  it('A grants B a read-only role; B’s user binds MFA, switches to it, reads A’s apps, is refused a write, and switches back', async () => {
    // A's root: the role trusting B, with ARMS read-only.
    const rootA = await rootLogon(a);
    await rootA.getByTestId('nav-roles').click();
    await rootA.getByTestId('create-role').click();
    await rootA.getByTestId('trust-other').click();
    await rootA.getByTestId('trusted-account-id').fill(b.accountId);
    await rootA.getByTestId('role-next').click();
    await rootA.getByTestId('role-name').fill('partner-ops');
    await rootA.getByTestId('role-create').click();
    await rootA.getByTestId('role-done').click();
    await rootA.locator('tr', { hasText: 'partner-ops' }).getByTestId('add-permissions').click();
    await grant(rootA, 'AliyunARMSReadOnlyAccess');
    await shot(rootA, '1-a-role-granted');

    // B's root: the user with console logon and MFA required, allowed to assume roles.
    const rootB = await rootLogon(b);
    await createUser(rootB, 'operator', 'console');
    await rootB.getByTestId('created-close').click();
    await rootB.getByTestId('user-operator').click();
    await rootB.getByTestId('add-permissions').click();
    await grant(rootB, 'AliyunSTSAssumeRoleAccess');
    await shot(rootB, '2-b-user-granted');

    // The user: logon as name@alias, forced MFA binding with two consecutive codes.
    const user = await newPage();
    await user.getByTestId('logon-name').fill(`operator@${b.alias}`);
    await user.getByTestId('logon-password').fill(USER_PASSWORD);
    await user.getByTestId('logon-submit').click();
    await user.getByTestId('mfa-bind-start').click();
    const secret = (await user.getByTestId('mfa-secret').textContent())!.trim();
    await shot(user, '3-user-binds-mfa');
    const now = Date.now();
    await user.getByTestId('mfa-code1').fill(authenticator.clone({ epoch: now - 30_000 }).generate(secret));
    await user.getByTestId('mfa-code2').fill(authenticator.clone({ epoch: now }).generate(secret));
    await user.getByTestId('mfa-bind-submit').click();
    await user.getByTestId('avatar').waitFor();

    // Switch Role into A, see A's app.
    await user.getByTestId('avatar').click();
    await user.getByTestId('switch-role').click();
    await user.getByTestId('switch-account').fill(a.alias!);
    await user.getByTestId('switch-role-name').fill('partner-ops');
    await user.getByTestId('switch-submit').click();
    await user.getByTestId('role-banner').filter({ hasText: `partner-ops in account ${a.alias}` }).waitFor();
    await user.getByTestId('nav-arms').click();
    await user.getByTestId('trace-apps').filter({ hasText: 'a-checkout' }).waitFor();
    await shot(user, '4-user-sees-a-apps');

    // A write is refused, with the reason in words.
    await user.getByTestId('add-contact').click();
    await user.getByTestId('contact-name').fill('ops');
    await user.getByTestId('contact-email').fill('ops@example.com');
    await user.getByTestId('contact-submit').click();
    const denial = user.locator('.ant-modal').getByTestId('error');
    await denial.filter({ hasText: 'arms:CreateAlertContact' }).waitFor();
    await denial.filter({ hasText: 'implicit deny' }).waitFor();
    await shot(user, '5-user-refused-write');
    await user.keyboard.press('Escape');

    // Back to the logged-on identity.
    await user.getByTestId('avatar').click();
    await user.getByTestId('switch-back').click();
    await user.getByTestId('role-banner').waitFor({ state: 'detached' });
    expect(await user.getByTestId('identity').textContent()).toBe(`operator@${b.alias}.onaliyun.com`);
    await shot(user, '6-user-switched-back');
  }, 180_000);

  it('shows the AccessKey secret of a programmatic user once, and never again', async () => {
    const rootB = await rootLogon(b);
    await createUser(rootB, 'robot', 'programmatic');
    const secret = (await rootB.getByTestId('created-ak-secret').textContent())!.trim();
    const keyId = (await rootB.getByTestId('created-ak-id').textContent())!.trim();
    expect(secret.length).toBeGreaterThan(20);
    expect(await rootB.getByTestId('download-csv').getAttribute('href')).toContain(encodeURIComponent(secret));
    await shot(rootB, '7-accesskey-shown-once');
    await rootB.getByTestId('created-close').click();
    await rootB.getByTestId('user-robot').click();
    await rootB.getByText('AccessKeys').click();
    await rootB.locator('td', { hasText: keyId }).first().waitFor();
    expect(await rootB.locator('body').textContent()).not.toContain(secret);
  }, 120_000);

  it('checks the logon name as it is typed', async () => {
    const rootB = await rootLogon(b);
    await rootB.getByTestId('create-user').click();
    await rootB.getByTestId('new-user-name').fill('Bad Name');
    await rootB.locator('.ant-form-item-explain-error').first().filter({ hasText: 'Use only lowercase letters, digits' }).waitFor();
    await shot(rootB, '8-logon-name-rule');
  }, 120_000);
});
