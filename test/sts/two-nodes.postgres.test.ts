import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { dropSchema, storeKinds } from '../helpers/stores.js';
import { tokenKeyId } from '../../src/tokens/index.js';
import { assume, createScenario, sessionKeys, whoAmI, type Scenario } from './fixture.js';

describe.skipIf(!storeKinds[1]!.available)('two nodes on one PostgreSQL database with the same master key', () => {
  let a: TestServer;
  let b: TestServer;
  let s: Scenario;
  beforeAll(async () => {
    a = await startTestServer({ store: 'postgres', keepData: true });
    // Nodes of one deployment share the master key (here: the same data directory).
    b = await startTestServer({ store: 'postgres', schema: a.schema!, dataDir: a.dataDir, keepData: true });
    s = await createScenario(a);
  });
  afterAll(async () => {
    await b.stop();
    await a.stop();
    rmSync(a.dataDir, { recursive: true, force: true });
    await dropSchema(a.databaseUrl!, a.schema!);
  });

  it('credentials issued by one node work on the other', async () => {
    const keys = sessionKeys(await assume(s.user, a, { roleArn: s.roleArn }));
    expect(await whoAmI(keys, b)).toMatchObject({ identityType: 'AssumedRoleUser', accountId: s.a.accountId });
  });

  it('a key rotated with ramstack keys rotate seals new sessions on one node and is honoured by the other', async () => {
    const cli = await runCli(['keys', 'rotate', '--json', '--data', a.dataDir, '--database-url', a.databaseUrl!, '--database-schema', a.schema!]);
    expect(cli.code).toBe(0);
    const { newKeyId } = JSON.parse(cli.stdout) as { newKeyId: string };
    const keys = await vi.waitFor(async () => {
      const issued = sessionKeys(await assume(s.user, a, { roleArn: s.roleArn }));
      expect(tokenKeyId(issued.securityToken!)).toBe(newKeyId);
      return issued;
    }, { timeout: 5000, interval: 100 });
    expect((await whoAmI(keys, b)).identityType).toBe('AssumedRoleUser');
  });
});
