import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call } from '../ram/access-fixture.js';
import { runCli } from '../helpers/cli.js';
import type { TestServer } from '../helpers/server.js';
import { auditAccount, eventually, startAuditServer, type AuditAccount } from './trail.js';

let t: TestServer;
let a: AuditAccount;
let other: AuditAccount;

beforeAll(async () => {
  const started = await startAuditServer('tail');
  t = started.t;
  a = started;
  other = await auditAccount(t, 'tail-other');
  await call(a.root, 'CreateUser', { userName: 'tailed' });
  await call(other.root, 'CreateUser', { userName: 'not-tailed' });
});
afterAll(() => t.stop());

it("audit tail --account --json prints that account's events as JSON lines, oldest first", async () => {
  const res = await runCli(['audit', 'tail', '--data', t.dataDir, '--account', a.accountId, '--json']);
  const events = res.stdout.trim().split('\n').map((line) => JSON.parse(line));
  expect(events.map((e) => [e.eventName, e.requestParameters.UserName])).toEqual([['CreateUser', 'tailed']]);
});

it('audit tail without --account prints every trail, one line per event', async () => {
  const res = await runCli(['audit', 'tail', '--data', t.dataDir]);
  const lines = res.stdout.trim().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(new RegExp(`  ${other.accountId}  Ram:CreateUser  Success  acs:ram::${other.accountId}:root  \\*$`));
});

it('audit tail --follow prints an event recorded after it started', async () => {
  const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', main, 'audit', 'tail', '--follow', '--json', '--data', t.dataDir, '--account', a.accountId], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  try {
    await eventually(async () => stdout, (out) => out.includes('"tailed"'), 20_000);
    await call(a.root, 'CreateUser', { userName: 'followed' });
    await eventually(async () => stdout, (out) => out.includes('"followed"'), 10_000);
  } finally {
    child.kill('SIGINT');
  }
  expect(stdout.trim().split('\n').map((line) => JSON.parse(line).requestParameters.UserName)).toEqual(['tailed', 'followed']);
});
