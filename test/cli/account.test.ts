import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnServe, type ServeProcess } from '../helpers/cli.js';
import { dropSchema, newSchemaName, pgUrl, storeKinds, tempDir } from '../helpers/stores.js';
import { stsClient } from '../helpers/sdk.js';

const postgresAvailable = storeKinds.find((k) => k.name === 'postgres')!.available;

interface StoreArgs {
  name: string;
  args: () => string[];
  setup(): Promise<void>;
  teardown(): Promise<void>;
}

function sqliteArgs(): StoreArgs {
  let dir = '';
  return {
    name: 'sqlite',
    args: () => ['--data', dir],
    async setup() {
      dir = tempDir();
    },
    async teardown() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresArgs(): StoreArgs {
  let dir = '';
  let schema = '';
  return {
    name: 'postgres',
    args: () => ['--data', dir, '--database-url', pgUrl(), '--database-schema', schema],
    async setup() {
      dir = tempDir();
      schema = newSchemaName();
    },
    async teardown() {
      rmSync(dir, { recursive: true, force: true });
      await dropSchema(pgUrl(), schema);
    },
  };
}

for (const kind of [sqliteArgs(), postgresArgs()]) {
  describe.skipIf(kind.name === 'postgres' && !postgresAvailable)(`ramstack account on ${kind.name}, while the server runs`, () => {
    let serve: ServeProcess;

    beforeAll(async () => {
      await kind.setup();
      serve = await spawnServe(['--port', '0', '--tls-port', '0', ...kind.args()]);
    });
    afterAll(async () => {
      serve.child.kill('SIGTERM');
      await serve.exited;
      await kind.teardown();
    });

    it('create --json prints exactly one JSON object with the new account and its root credentials', async () => {
      const res = await runCli(['account', 'create', '--alias', 'cli-acme', '--email', 'ops@example.com', '--json', ...kind.args()]);
      expect(res.code).toBe(0);
      const lines = res.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      const created = JSON.parse(lines[0]!);
      expect(Object.keys(created).sort()).toEqual(['accessKeyId', 'accessKeySecret', 'accountId', 'alias', 'defaultDomain', 'rootPassword']);
      expect(created.accountId).toMatch(/^[1-9]\d{15}$/);
      expect(created.accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
      expect(created.accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
      expect(created.defaultDomain).toBe('cli-acme.onaliyun.com');
    });

    it('the created root AccessKey works at once against the running server', async () => {
      const res = await runCli(['account', 'create', '--json', ...kind.args()]);
      const created = JSON.parse(res.stdout);
      const endpoint = serve.httpUrl.replace('http://', '');
      const identity = await stsClient(created, { endpoint }).getCallerIdentity();
      expect(identity.body.arn).toBe(`acs:ram::${created.accountId}:root`);
    });

    it('refuses an alias already taken, with a one-line error, and creates nothing', async () => {
      const before = JSON.parse((await runCli(['account', 'list', '--json', ...kind.args()])).stdout);
      const res = await runCli(['account', 'create', '--alias', 'cli-acme', '--json', ...kind.args()]);
      expect(res.code).not.toBe(0);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
      expect(res.stderr).toMatch(/already taken/);
      const after = JSON.parse((await runCli(['account', 'list', '--json', ...kind.args()])).stdout);
      expect(after).toHaveLength(before.length);
    });

    it('list --json shows the accounts with their default domains', async () => {
      const res = await runCli(['account', 'list', '--json', ...kind.args()]);
      const accounts = JSON.parse(res.stdout);
      expect(accounts.map((a: { alias: string | null }) => a.alias)).toContain('cli-acme');
    });
  });
}

describe('ramstack account create rejects aliases that break the rules', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits non-zero with a one-line error naming the rule, and creates nothing', async () => {
    const res = await runCli(['account', 'create', '--alias', 'ac--me', '--data', dir]);
    expect(res.code).not.toBe(0);
    expect(res.stderr.trim()).toBe('error: invalid alias "ac--me": an alias must not contain two hyphens in a row');
    const list = JSON.parse((await runCli(['account', 'list', '--json', '--data', dir])).stdout);
    expect(list).toEqual([]);
  });
});
