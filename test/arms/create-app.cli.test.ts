import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnServe, type ServeProcess } from '../helpers/cli.js';
import { callApi } from '../helpers/sdk.js';
import { tempDir } from '../helpers/stores.js';
import { ARMS_VERSION, REGION } from './fixture.js';

/** `ramstack arms create-app`, run by an operator against the data directory of a running server. */

let dir: string;
let serve: ServeProcess;
let account: { accountId: string; accessKeyId: string; accessKeySecret: string };
const createApp = (...args: string[]) => runCli(['arms', 'create-app', '--data', dir, ...args]);

beforeAll(async () => {
  dir = tempDir();
  serve = await spawnServe(['--port', '0', '--tls-port', '0', '--data', dir]);
  account = JSON.parse((await runCli(['account', 'create', '--json', '--data', dir])).stdout);
});
afterAll(async () => {
  serve.child.kill('SIGTERM');
  await serve.exited;
  rmSync(dir, { recursive: true, force: true });
});

const getTraceApp = async (pid: string) =>
  (await callApi(account, { endpoint: serve.httpUrl.replace('http://', '') }, 'GetTraceApp', ARMS_VERSION, { RegionId: REGION, Pid: pid })).body.TraceApp;

describe('ramstack arms create-app', () => {
  it('creates a TRACE app that the running server serves at once (--json prints it as GetTraceApp does)', async () => {
    const res = await createApp('--account', account.accountId, '--region', REGION, '--name', 'cli-app', '--label', 'java', '--json');
    expect(res.code).toBe(0);
    const app = JSON.parse(res.stdout);
    expect(app).toMatchObject({ AppName: 'cli-app', Type: 'TRACE', RegionId: REGION, UserId: account.accountId, Labels: ['java'] });
    expect(await getTraceApp(app.Pid)).toEqual(app);
  });

  it('takes --type and prints one line without --json', async () => {
    const res = await createApp('--account', account.accountId, '--region', REGION, '--name', 'cli-ebpf', '--type', 'EBPF');
    expect(res.code).toBe(0);
    const pid = /Pid (\S+)\.$/.exec(res.stdout.trim())![1]!;
    expect((await getTraceApp(pid)).Type).toBe('EBPF');
  });

  it.each([
    [['--account', '1234567890123456'], /no account 1234567890123456/],
    [['--region', 'Not A Region'], /not a region ID/],
    [['--name', 'cli-app'], /already exists in cn-hangzhou/],
  ])('refuses %j with a one-line error (exit 2)', async (override, message) => {
    const flags: Record<string, string> = { '--account': account.accountId, '--region': REGION, '--name': 'cli-refused' };
    flags[override[0]!] = override[1]!;
    const res = await createApp(...Object.entries(flags).flat());
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(message);
  });
});
