import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { runNode } from '../helpers/child-node.js';
import type { NewAccount } from '../../src/services/accounts/accounts.js';

let t: TestServer;
let account: NewAccount;

beforeAll(async () => {
  t = await startTestServer();
  account = await t.createAccount(uniqueAlias('https'));
});
afterAll(() => t.stop());

const callOverHttps = (extraConfig: string) => `
  const { $OpenApiUtil } = require('@alicloud/openapi-core');
  const Sts = require('@alicloud/sts20150401');
  const client = new Sts.default(new $OpenApiUtil.Config({ endpoint: process.env.EP, protocol: 'HTTPS', accessKeyId: process.env.AK, accessKeySecret: process.env.SK ${extraConfig} }));
  return (await client.getCallerIdentity()).body;`;

describe('the official Tea client over the HTTPS listener', () => {
  it('verifies the certificate with NODE_EXTRA_CA_CERTS=<data>/tls/ca.pem and signs V3', async () => {
    const env = { NODE_EXTRA_CA_CERTS: join(t.dataDir, 'tls', 'ca.pem'), EP: t.tlsEndpoint, AK: account.accessKeyId, SK: account.accessKeySecret };
    const result = await runNode(callOverHttps(''), env);
    expect(result.value).toMatchObject({ identityType: 'Account', accountId: account.accountId });
  });

  it('works signing V1 (signatureAlgorithm v2) too', async () => {
    const env = { NODE_EXTRA_CA_CERTS: join(t.dataDir, 'tls', 'ca.pem'), EP: t.tlsEndpoint, AK: account.accessKeyId, SK: account.accessKeySecret };
    const result = await runNode(callOverHttps(", signatureAlgorithm: 'v2'"), env);
    expect(result.value).toMatchObject({ identityType: 'Account', accountId: account.accountId });
  });

  it('is refused by the client without the CA (the certificate is not trusted by default)', async () => {
    const env = { EP: t.tlsEndpoint, AK: account.accessKeyId, SK: account.accessKeySecret };
    const result = await runNode(callOverHttps(''), env);
    expect(result.error.message).toMatch(/certificate/i);
  });
});
