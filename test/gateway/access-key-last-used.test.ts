import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { ramClient, RamModels, stsClient } from '../helpers/sdk.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.stop());

describe('AccessKey last use', () => {
  it('is recorded by the gateway and reported by GetAccessKeyLastUsed', async () => {
    const account = await t.createAccount(uniqueAlias('lastused'));
    const root = ramClient(account, { endpoint: t.endpoint });
    await root.createUser(new RamModels.CreateUserRequest({ userName: 'worker' }));
    const key = (await root.createAccessKey(new RamModels.CreateAccessKeyRequest({ userName: 'worker' }))).body.accessKey;
    const request = new RamModels.GetAccessKeyLastUsedRequest({ userName: 'worker', userAccessKeyId: key.accessKeyId });
    expect((await root.getAccessKeyLastUsed(request)).body.accessKeyLastUsed?.lastUsedDate).toBeUndefined();

    const before = Date.now() - 1000;
    await stsClient({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret }, { endpoint: t.endpoint }).getCallerIdentity();
    await expect
      .poll(async () => (await root.getAccessKeyLastUsed(request)).body.accessKeyLastUsed?.lastUsedDate, { timeout: 5000, interval: 200 })
      .toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const lastUsed = Date.parse((await root.getAccessKeyLastUsed(request)).body.accessKeyLastUsed.lastUsedDate);
    expect(lastUsed).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
  });
});
