import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { RamModels, ramClient, type Keys } from '../helpers/sdk.js';
import { openStore } from '../../src/store/index.js';

let t: TestServer;
let accountId: string;
let ram: any;
let ramV1: any;

beforeAll(async () => {
  t = await startTestServer();
  const account = await t.createAccount(uniqueAlias('users'));
  accountId = account.accountId;
  const keys: Keys = { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret };
  ram = ramClient(keys, { endpoint: t.endpoint });
  ramV1 = ramClient(keys, { endpoint: t.endpoint, signatureAlgorithm: 'v2' });
});
afterAll(() => t.stop());

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected the call to fail'); }, (err: any) => err);
const createUser = (fields: Record<string, string>) => ram.createUser(new RamModels.CreateUserRequest(fields));

describe('CreateUser', () => {
  it('returns the new user with a numeric string UserId and a second-precision CreateDate', async () => {
    const res = await createUser({ userName: 'alice', displayName: 'Alice A', email: 'alice@example.com', mobilePhone: '86-18600000000', comments: 'first' });
    expect(res.body.user).toMatchObject({ userName: 'alice', displayName: 'Alice A', email: 'alice@example.com', mobilePhone: '86-18600000000', comments: 'first' });
    expect(res.body.user.userId).toMatch(/^\d{16}$/);
    expect(res.body.user.createDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('works with V1 signatures (signatureAlgorithm v2)', async () => {
    const res = await ramV1.createUser(new RamModels.CreateUserRequest({ userName: 'v1-user' }));
    expect(res.body.user.userName).toBe('v1-user');
  });

  it('refuses a name that differs from an existing one only by case (EntityAlreadyExists.User, 409)', async () => {
    await createUser({ userName: 'case-bob' });
    const err = await failure(createUser({ userName: 'CASE-Bob' }));
    expect(err.code).toBe('EntityAlreadyExists.User');
    expect(err.statusCode).toBe(409);
  });

  it('refuses invalid characters in UserName', async () => {
    const err = await failure(createUser({ userName: 'bad name!' }));
    expect(err.code).toBe('InvalidParameter.UserName.InvalidChars');
    expect(err.statusCode).toBe(400);
  });

  it('refuses a UserName over 64 characters', async () => {
    expect((await failure(createUser({ userName: 'a'.repeat(65) }))).code).toBe('InvalidParameter.UserName.Length');
  });

  it('refuses a DisplayName over 128 characters', async () => {
    expect((await failure(createUser({ userName: 'long-display', displayName: 'd'.repeat(129) }))).code).toBe('InvalidParameter.DisplayName.Length');
  });

  it('refuses a malformed Email and MobilePhone', async () => {
    expect((await failure(createUser({ userName: 'bad-mail', email: 'not-an-email' }))).code).toBe('InvalidParameter.Email.Format');
    expect((await failure(createUser({ userName: 'bad-phone', mobilePhone: '18600000000' }))).code).toBe('InvalidParameter.MobilePhone.Format');
  });

  it('refuses Comments over 128 characters', async () => {
    expect((await failure(createUser({ userName: 'long-comment', comments: 'c'.repeat(129) }))).code).toBe('InvalidParameter.Comments.Length');
  });

  it('answers MissingParameter without UserName', async () => {
    const err = await failure(ram.createUser(new RamModels.CreateUserRequest({})));
    expect(err.code).toBe('MissingParameter');
  });
});

describe('GetUser', () => {
  it('returns the user with UpdateDate', async () => {
    const created = (await createUser({ userName: 'getme', displayName: 'Get Me' })).body.user;
    const res = await ram.getUser(new RamModels.GetUserRequest({ userName: 'getme' }));
    expect(res.body.user).toMatchObject({ userId: created.userId, userName: 'getme', displayName: 'Get Me', createDate: created.createDate, updateDate: created.createDate });
  });

  it('finds a user whatever the case of the name asked for', async () => {
    await createUser({ userName: 'MixedCase' });
    expect((await ram.getUser(new RamModels.GetUserRequest({ userName: 'mixedcase' }))).body.user.userName).toBe('MixedCase');
  });

  it('answers EntityNotExist.User (404) for an unknown user', async () => {
    const err = await failure(ram.getUser(new RamModels.GetUserRequest({ userName: 'nobody' })));
    expect(err.code).toBe('EntityNotExist.User');
    expect(err.statusCode).toBe(404);
  });
});

describe('UpdateUser', () => {
  it('renames a user and keeps its UserId', async () => {
    const created = (await createUser({ userName: 'old-name' })).body.user;
    const res = await ram.updateUser(new RamModels.UpdateUserRequest({ userName: 'old-name', newUserName: 'new-name', newDisplayName: 'Renamed' }));
    expect(res.body.user).toMatchObject({ userId: created.userId, userName: 'new-name', displayName: 'Renamed' });
    expect((await failure(ram.getUser(new RamModels.GetUserRequest({ userName: 'old-name' })))).code).toBe('EntityNotExist.User');
  });

  it('refuses renaming onto an existing name (EntityAlreadyExists.User)', async () => {
    await createUser({ userName: 'taken-a' });
    await createUser({ userName: 'taken-b' });
    const err = await failure(ram.updateUser(new RamModels.UpdateUserRequest({ userName: 'taken-a', newUserName: 'TAKEN-B' })));
    expect(err.code).toBe('EntityAlreadyExists.User');
  });

  it('refuses an invalid NewUserName and changes nothing', async () => {
    await createUser({ userName: 'keep-me', displayName: 'Before' });
    const err = await failure(ram.updateUser(new RamModels.UpdateUserRequest({ userName: 'keep-me', newUserName: 'no spaces', newDisplayName: 'After' })));
    expect(err.code).toBe('InvalidParameter.NewUserName.InvalidChars');
    expect((await ram.getUser(new RamModels.GetUserRequest({ userName: 'keep-me' }))).body.user.displayName).toBe('Before');
  });
});

describe('DeleteUser', () => {
  it('deletes a user with nothing attached', async () => {
    await createUser({ userName: 'short-lived' });
    await ram.deleteUser(new RamModels.DeleteUserRequest({ userName: 'short-lived' }));
    expect((await failure(ram.getUser(new RamModels.GetUserRequest({ userName: 'short-lived' })))).code).toBe('EntityNotExist.User');
  });

  it('refuses while the user has an AccessKey (DeleteConflict.User.AccessKey)', async () => {
    await createUser({ userName: 'has-key' });
    await ram.createAccessKey(new RamModels.CreateAccessKeyRequest({ userName: 'has-key' }));
    const err = await failure(ram.deleteUser(new RamModels.DeleteUserRequest({ userName: 'has-key' })));
    expect(err.code).toBe('DeleteConflict.User.AccessKey');
    expect(err.statusCode).toBe(409);
  });

  it('refuses while the user has a login profile (DeleteConflict.User.LoginProfile)', async () => {
    await createUser({ userName: 'has-profile' });
    await ram.createLoginProfile(new RamModels.CreateLoginProfileRequest({ userName: 'has-profile', password: 'Str0ng-Passw0rd' }));
    expect((await failure(ram.deleteUser(new RamModels.DeleteUserRequest({ userName: 'has-profile' })))).code).toBe('DeleteConflict.User.LoginProfile');
  });

  it('answers EntityNotExist.User for an unknown user', async () => {
    expect((await failure(ram.deleteUser(new RamModels.DeleteUserRequest({ userName: 'ghost' })))).code).toBe('EntityNotExist.User');
  });
});

describe('ListUsers', () => {
  it('pages through every user with Marker and IsTruncated', async () => {
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const res = await ram.listUsers(new RamModels.ListUsersRequest({ maxItems: 3, ...(marker ? { marker } : {}) }));
      seen.push(...res.body.users.user.map((u: any) => u.userName));
      marker = res.body.isTruncated ? res.body.marker : undefined;
      if (!res.body.isTruncated) expect(res.body.marker).toBeUndefined();
      pages++;
    } while (marker);
    const all = (await ram.listUsers(new RamModels.ListUsersRequest({}))).body.users.user.map((u: any) => u.userName);
    expect(pages).toBeGreaterThan(1);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses MaxItems above 1000', async () => {
    expect((await failure(ram.listUsers(new RamModels.ListUsersRequest({ maxItems: 1001 })))).code).toBe('InvalidParameter');
  });
});

describe('the user limit', () => {
  it('refuses the 5001st user of an account (LimitExceeded.User)', async () => {
    const account = await t.createAccount(uniqueAlias('limit'));
    const store = await openStore({ dataDir: t.dataDir });
    try {
      const rows = Array.from({ length: 4999 }, (_, i) => ({
        user_id: `9${String(i).padStart(15, '0')}`, account_id: account.accountId, user_name: `bulk-${i}`, user_name_key: `bulk-${i}`,
        display_name: null, mobile_phone: null, email: null, comments: null, created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z', last_login_at: null,
      }));
      for (let i = 0; i < rows.length; i += 500) await store.db.insertInto('users').values(rows.slice(i, i + 500)).execute();
    } finally {
      await store.close();
    }
    const client = ramClient({ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret }, { endpoint: t.endpoint });
    await client.createUser(new RamModels.CreateUserRequest({ userName: 'the-5000th' }));
    const err = await failure(client.createUser(new RamModels.CreateUserRequest({ userName: 'one-too-many' })));
    expect(err.code).toBe('LimitExceeded.User');
    expect(err.statusCode).toBe(409);
  });
});

it('keeps every account to its own users', async () => {
  const other = await t.createAccount(uniqueAlias('other'));
  const client = ramClient({ accessKeyId: other.accessKeyId, accessKeySecret: other.accessKeySecret }, { endpoint: t.endpoint });
  expect((await failure(client.getUser(new RamModels.GetUserRequest({ userName: 'alice' })))).code).toBe('EntityNotExist.User');
  expect(accountId).not.toBe(other.accountId);
});
