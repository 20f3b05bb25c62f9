import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewAccount } from '../../src/services/accounts/accounts.js';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { grant, launchBrowser, rootLogon, shot } from './browser.js';
import { createConsoleUser, createTrustingRole, LogCapture, rootLogon as apiRootLogon } from './scenario.js';

/** Groups, trust policy editing and policy versions in a real browser, as an account's root does them. */
describe('console groups, trust policies and policy versions (headless Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  const log = new LogCapture();
  let a: NewAccount;
  const trusted = '1234567890123456';

  beforeAll(async () => {
    server = await startTestServer({ logDestination: log });
    a = await server.createAccount(uniqueAlias('g'));
    const root = await apiRootLogon(server, a.accountId, a.rootPassword);
    await createConsoleUser(root, log, a.accountId, 'alice', 'Alice-Pass-1!');
    await createTrustingRole(root, 'auditor', a.accountId, []);
    const doc = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'arms:Get*', Resource: '*' }] };
    const created = await root.ram('CreatePolicy', { PolicyName: 'arms-reader', PolicyDocument: JSON.stringify(doc) });
    if (created.status !== 200) throw new Error(`CreatePolicy failed: ${JSON.stringify(created.json)}`);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a group, adds a member, grants it a policy, edits a trust policy and creates a default policy version', async () => {
    const page = await rootLogon(browser, server, a);

    // Groups: the name rule as typed, then create.
    await page.getByTestId('nav-groups').click();
    await page.getByTestId('create-group').click();
    await page.getByTestId('new-group-name').fill('bad name!');
    await page.locator('.ant-form-item-explain-error').filter({ hasText: 'Use only letters, digits' }).waitFor();
    await page.getByTestId('new-group-name').fill('ops-team');
    await page.getByTestId('create-group-submit').click();
    await page.getByTestId('group-ops-team').click();

    // Members: add alice.
    await page.getByTestId('group-members').locator('.ant-select').click();
    await page.locator('.ant-select-item-option', { hasText: 'alice' }).click();
    await page.getByTestId('add-member').click();
    await page.getByTestId('member-alice').waitFor();

    // Permissions: attach the custom policy through the add-permissions panel.
    await page.getByTestId('tab-permissions').click();
    await page.getByTestId('add-permissions').click();
    await grant(page, 'arms-reader');
    await page.keyboard.press('Escape');
    await page.getByTestId('attached-policies').locator('td', { hasText: 'arms-reader' }).waitFor();
    await shot(page, 'g1-group-member-and-policy');

    // Role trust policy: an invalid document shows the server's error in place; a valid one is saved.
    await page.getByTestId('nav-roles').click();
    await page.getByTestId('role-auditor').click();
    await page.getByTestId('edit-trust-policy').click();
    const bad = { Version: '1', Statement: [{ Effect: 'Perhaps', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${trusted}:root`] } }] };
    await page.getByTestId('trust-policy-document').fill(JSON.stringify(bad));
    await page.getByTestId('trust-policy-save').click();
    await page.getByTestId('trust-policy-editor').getByTestId('error').filter({ hasText: 'MalformedPolicyDocument' }).waitFor();
    await shot(page, 'g2-trust-policy-invalid');
    const good = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${trusted}:root`] } }] };
    await page.getByTestId('trust-policy-document').fill(JSON.stringify(good, null, 2));
    await page.getByTestId('trust-policy-save').click();
    await page.getByTestId('trust-policy').filter({ hasText: trusted }).waitFor();
    await page.keyboard.press('Escape');

    // Policy versions: a new version set as default.
    await page.getByTestId('nav-policies').click();
    await page.getByText('Custom', { exact: true }).click();
    await page.getByTestId('policy-arms-reader').click();
    const v2 = { Version: '1', Statement: [{ Effect: 'Allow', Action: ['arms:Get*', 'arms:List*'], Resource: '*' }] };
    await page.getByTestId('policy-version-document').fill(JSON.stringify(v2, null, 2));
    await page.getByTestId('policy-version-set-default').check();
    await page.getByTestId('policy-version-create').click();
    await page.getByTestId('policy-version-v2').filter({ hasText: '(default)' }).waitFor();
    expect(await page.getByTestId('policy-version-v1').textContent()).not.toContain('(default)');
    await page.getByTestId('delete-version-v1').waitFor();
    await shot(page, 'g3-policy-version-default');
  }, 180_000);
});
