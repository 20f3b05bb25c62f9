import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { RamModels, ramClient, stsClient, type Keys } from '../helpers/sdk.js';
import { openStore } from '../../src/store/index.js';

let t: TestServer;
let rootKeys: Keys;
let ram: any;

beforeAll(async () => {
  t = await startTestServer();
  const account = await t.createAccount(uniqueAlias('aks'));
  rootKeys = { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret };
  ram = ramClient(rootKeys, { endpoint: t.endpoint });
});
afterAll(() => t.stop());

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected the call to fail'); }, (err: any) => err);
const newUser = (userName: string) => ram.createUser(new RamModels.CreateUserRequest({ userName }));
const createKey = async (userName?: string): Promise<Keys & { status: string; createDate: string }> => {
  const key = (await ram.createAccessKey(new RamModels.CreateAccessKeyRequest(userName ? { userName } : {}))).body.accessKey;
  return { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret, status: key.status, createDate: key.createDate };
};
const whoAmI = (keys: Keys) => stsClient(keys, { endpoint: t.endpoint }).getCallerIdentity();

describe('CreateAccessKey', () => {
  it('returns an Active LTAI key with its secret, which signs requests as the user', async () => {
    await newUser('key-owner');
    const key = await createKey('key-owner');
    expect(key.accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
    expect(key.accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(key.status).toBe('Active');
    expect((await whoAmI(key)).body).toMatchObject({ identityType: 'RAMUser', arn: expect.stringMatching(/:user\/key-owner$/) });
  });

  it('works with V1 signatures (signatureAlgorithm v2)', async () => {
    await newUser('v1-key-owner');
    const res = await ramClient(rootKeys, { endpoint: t.endpoint, signatureAlgorithm: 'v2' }).createAccessKey(new RamModels.CreateAccessKeyRequest({ userName: 'v1-key-owner' }));
    expect(res.body.accessKey.accessKeySecret).toHaveLength(30);
  });

  it('refuses a third key for one user (LimitExceeded.User.AccessKey, 409)', async () => {
    await newUser('two-keys');
    await createKey('two-keys');
    await createKey('two-keys');
    const err = await failure(createKey('two-keys'));
    expect(err.code).toBe('LimitExceeded.User.AccessKey');
    expect(err.statusCode).toBe(409);
  });

  it('creates a root key when the root names no user, up to two root keys', async () => {
    const key = await createKey();
    expect((await whoAmI(key)).body.identityType).toBe('Account');
    expect((await failure(createKey())).code).toBe('LimitExceeded.User.AccessKey');
    await ram.deleteAccessKey(new RamModels.DeleteAccessKeyRequest({ userAccessKeyId: key.accessKeyId }));
  });

  it('keeps the secret sealed at rest', async () => {
    await newUser('sealed');
    const key = await createKey('sealed');
    const store = await openStore({ dataDir: t.dataDir });
    try {
      const row = await store.db.selectFrom('access_keys').select('secret_sealed').where('access_key_id', '=', key.accessKeyId).executeTakeFirstOrThrow();
      expect(row.secret_sealed).not.toContain(key.accessKeySecret);
    } finally {
      await store.close();
    }
  });

  it('answers EntityNotExist.User for an unknown user', async () => {
    expect((await failure(createKey('nobody'))).code).toBe('EntityNotExist.User');
  });
});

describe('ListAccessKeys', () => {
  it('lists the keys without their secrets', async () => {
    await newUser('lister');
    const a = await createKey('lister');
    const b = await createKey('lister');
    const res = await ram.listAccessKeys(new RamModels.ListAccessKeysRequest({ userName: 'lister' }));
    const keys = res.body.accessKeys.accessKey;
    expect(keys.map((k: any) => k.accessKeyId).sort()).toEqual([a.accessKeyId, b.accessKeyId].sort());
    expect(keys[0]).toEqual({ accessKeyId: expect.any(String), status: 'Active', createDate: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toContain(a.accessKeySecret);
  });

  it("lists the root's own keys without UserName", async () => {
    const res = await ram.listAccessKeys(new RamModels.ListAccessKeysRequest({}));
    expect(res.body.accessKeys.accessKey.map((k: any) => k.accessKeyId)).toContain(rootKeys.accessKeyId);
  });
});

describe('UpdateAccessKey', () => {
  it('deactivates a key for its very next request and reactivates it', async () => {
    await newUser('toggled');
    const key = await createKey('toggled');
    await whoAmI(key); // cached by the gateway
    await ram.updateAccessKey(new RamModels.UpdateAccessKeyRequest({ userName: 'toggled', userAccessKeyId: key.accessKeyId, status: 'Inactive' }));
    expect((await failure(whoAmI(key))).code).toBe('InvalidAccessKeyId.Inactive');
    const listed = (await ram.listAccessKeys(new RamModels.ListAccessKeysRequest({ userName: 'toggled' }))).body.accessKeys.accessKey;
    expect(listed[0].status).toBe('Inactive');
    await ram.updateAccessKey(new RamModels.UpdateAccessKeyRequest({ userName: 'toggled', userAccessKeyId: key.accessKeyId, status: 'Active' }));
    expect((await whoAmI(key)).body.identityType).toBe('RAMUser');
  });

  it('refuses a Status other than Active or Inactive', async () => {
    await newUser('bad-status');
    const key = await createKey('bad-status');
    const err = await failure(ram.updateAccessKey(new RamModels.UpdateAccessKeyRequest({ userName: 'bad-status', userAccessKeyId: key.accessKeyId, status: 'Disabled' })));
    expect(err.code).toBe('InvalidParameter');
  });

  it("answers EntityNotExist.User.AccessKey for another user's key", async () => {
    await newUser('owner-a');
    await newUser('owner-b');
    const key = await createKey('owner-a');
    const err = await failure(ram.updateAccessKey(new RamModels.UpdateAccessKeyRequest({ userName: 'owner-b', userAccessKeyId: key.accessKeyId, status: 'Inactive' })));
    expect(err.code).toBe('EntityNotExist.User.AccessKey');
    expect(err.statusCode).toBe(404);
  });
});

describe('DeleteAccessKey', () => {
  it('deletes a key so that it no longer authenticates', async () => {
    await newUser('deleter');
    const key = await createKey('deleter');
    await whoAmI(key);
    await ram.deleteAccessKey(new RamModels.DeleteAccessKeyRequest({ userName: 'deleter', userAccessKeyId: key.accessKeyId }));
    expect((await failure(whoAmI(key))).code).toBe('InvalidAccessKeyId.NotFound');
  });

  it('answers EntityNotExist.User.AccessKey for an unknown key', async () => {
    await newUser('no-such-key');
    const err = await failure(ram.deleteAccessKey(new RamModels.DeleteAccessKeyRequest({ userName: 'no-such-key', userAccessKeyId: 'LTAIxxxxxxxxxxxxxxxxxxxx' })));
    expect(err.code).toBe('EntityNotExist.User.AccessKey');
  });
});

describe('GetAccessKeyLastUsed', () => {
  it('leaves LastUsedDate out for a key never used', async () => {
    await newUser('unused');
    const key = await createKey('unused');
    const res = await ram.getAccessKeyLastUsed(new RamModels.GetAccessKeyLastUsedRequest({ userName: 'unused', userAccessKeyId: key.accessKeyId }));
    expect(res.body.accessKeyLastUsed.lastUsedDate).toBeUndefined();
  });

  it('returns the recorded last use', async () => {
    await newUser('used');
    const key = await createKey('used');
    const store = await openStore({ dataDir: t.dataDir });
    try {
      await store.db.updateTable('access_keys').set({ last_used_at: '2025-06-01T12:00:00Z' }).where('access_key_id', '=', key.accessKeyId).execute();
    } finally {
      await store.close();
    }
    const res = await ram.getAccessKeyLastUsed(new RamModels.GetAccessKeyLastUsedRequest({ userName: 'used', userAccessKeyId: key.accessKeyId }));
    expect(res.body.accessKeyLastUsed.lastUsedDate).toBe('2025-06-01T12:00:00Z');
  });
});
