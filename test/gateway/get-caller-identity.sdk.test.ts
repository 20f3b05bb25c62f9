import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { popClient, stsClient, type Keys } from '../helpers/sdk.js';
import type { NewAccount } from '../../src/services/accounts/accounts.js';

let t: TestServer;
let account: NewAccount;
let keys: Keys;

beforeAll(async () => {
  t = await startTestServer();
  account = await t.createAccount(uniqueAlias('gci'));
  keys = { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret };
});
afterAll(() => t.stop());

const rootIdentity = () => ({
  identityType: 'Account',
  accountId: account.accountId,
  principalId: account.accountId,
  userId: account.accountId,
  arn: `acs:ram::${account.accountId}:root`,
});

describe('GetCallerIdentity with a root AccessKey', () => {
  it('answers the root identity to the Tea client signing V3', async () => {
    const res = await stsClient(keys, { endpoint: t.endpoint }).getCallerIdentity();
    expect(res.body).toMatchObject(rootIdentity());
  });

  it('answers the root identity to the Tea client signing V1 (signatureAlgorithm v2)', async () => {
    const res = await stsClient(keys, { endpoint: t.endpoint, signatureAlgorithm: 'v2' }).getCallerIdentity();
    expect(res.body).toMatchObject(rootIdentity());
  });

  it('answers pop-core GET and POST with IDs as JSON strings', async () => {
    for (const method of ['GET', 'POST']) {
      const body = await popClient(keys, t.httpUrl, '2015-04-01').request('GetCallerIdentity', {}, { method });
      expect(body).toMatchObject({ IdentityType: 'Account', AccountId: account.accountId, Arn: `acs:ram::${account.accountId}:root` });
      expect(typeof body.AccountId).toBe('string');
    }
  });

  it('rejects a wrong secret with SignatureDoesNotMatch carrying the server string to sign', async () => {
    const err = await stsClient({ ...keys, accessKeySecret: 'not-the-secret' }, { endpoint: t.endpoint }).getCallerIdentity().catch((e: any) => e);
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.statusCode).toBe(400);
    expect(err.data.Message).toMatch(/^Specified signature is not matched with our calculation\. server string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
  });

  it('rejects an unknown AccessKeyId with InvalidAccessKeyId.NotFound (404)', async () => {
    const err = await stsClient({ accessKeyId: 'LTAIunknownunknownunkn', accessKeySecret: 'x' }, { endpoint: t.endpoint }).getCallerIdentity().catch((e: any) => e);
    expect(err.code).toBe('InvalidAccessKeyId.NotFound');
    expect(err.statusCode).toBe(404);
  });
});
