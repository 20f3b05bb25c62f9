import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { NewAccount } from '../../src/services/accounts/accounts.js';
import type { TestServer } from '../helpers/server.js';

/** The browser side of the console end-to-end tests: Debian's Chromium driven by playwright-core. */

export const ARTIFACTS = 'test-artifacts/console';
export const TIMEOUT = 20_000;

export function ensureBuilt(): void {
  // .ci/run builds first; a local `vitest run` builds the SPA when it is missing.
  if (!existsSync('dist/console-web/index.html')) execFileSync('npx', ['vite', 'build', '--config', 'src/console/web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
}

/** Builds the SPA if needed, creates the artifacts folder and launches headless Chromium (never a browser download). */
export async function launchBrowser(): Promise<Browser> {
  ensureBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser context (own cookies) on the console's start page. */
export async function newPage(browser: Browser, server: TestServer): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(`${server.httpUrl}/console/`);
  return page;
}

export const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });

export async function rootLogon(browser: Browser, server: TestServer, account: NewAccount): Promise<Page> {
  const page = await newPage(browser, server);
  await page.getByTestId('tab-root').click();
  await page.getByTestId('root-identifier').fill(account.accountId);
  await page.getByTestId('root-password').fill(account.rootPassword);
  await page.getByTestId('root-submit').click();
  await page.getByTestId('avatar').waitFor();
  return page;
}

/** In the open add-permissions panel: search, select the policy, confirm, wait for "Granted". */
export async function grant(page: Page, policy: string): Promise<void> {
  await page.getByTestId('permissions-search').locator('input').fill(policy);
  await page.locator('.ant-modal tr', { hasText: policy }).locator('input[type=checkbox]').first().check();
  await page.getByTestId('permissions-confirm').click();
  await page.getByTestId('permissions-result').filter({ hasText: 'Granted' }).waitFor();
}
