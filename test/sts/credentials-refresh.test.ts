import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode } from '../helpers/child-node.js';
import { type TestServer } from '../helpers/server.js';
import { startScenario, type Scenario } from './fixture.js';

let t: TestServer;
let s: Scenario;
beforeAll(async () => ({ t, s } = await startScenario()));
afterAll(() => t.stop());

describe('@alicloud/credentials ram_role_arn refresh (wire-notes §5)', () => {
  it('with 900 s sessions it assumes the role again on every call and each new session keeps working', async () => {
    const result = await runNode(`
      const Credentials = require('@alicloud/credentials');
      const { $OpenApiUtil } = require('@alicloud/openapi-core');
      const Sts = require('@alicloud/sts20150401');
      const credential = new Credentials.default(new Credentials.Config({
        type: 'ram_role_arn', accessKeyId: process.env.AK, accessKeySecret: process.env.SK,
        roleArn: process.env.ROLE, roleSessionName: 'refresher', roleSessionExpiration: 900, stsEndpoint: process.env.EP }));
      const client = new Sts.default(new $OpenApiUtil.Config({ credential, endpoint: process.env.EP, protocol: 'HTTPS' }));
      const seen = [];
      for (let i = 0; i < 3; i++) {
        const { accessKeyId } = await credential.getCredential();
        const me = (await client.getCallerIdentity()).body;
        seen.push({ accessKeyId, identityType: me.identityType });
      }
      return seen;`,
    { NODE_EXTRA_CA_CERTS: join(t.dataDir, 'tls', 'ca.pem'), EP: t.tlsEndpoint, AK: s.user.accessKeyId, SK: s.user.accessKeySecret, ROLE: s.roleArn });
    expect(result.error).toBeUndefined();
    const seen = result.value as Array<{ accessKeyId: string; identityType: string }>;
    expect(seen.every((x) => x.identityType === 'AssumedRoleUser' && x.accessKeyId.startsWith('STS.'))).toBe(true);
    expect(new Set(seen.map((x) => x.accessKeyId)).size).toBe(seen.length);
  });
});
