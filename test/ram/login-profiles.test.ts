import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { RamModels, ramClient, type Keys } from '../helpers/sdk.js';
import { openStore } from '../../src/store/index.js';
import { verifyUserPassword } from '../../src/services/ram/login-profiles.js';

let t: TestServer;
let accountId: string;
let ram: any;

beforeAll(async () => {
  t = await startTestServer();
  const account = await t.createAccount(uniqueAlias('lp'));
  accountId = account.accountId;
  ram = ramClient({ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret }, { endpoint: t.endpoint });
});
afterAll(() => t.stop());

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected the call to fail'); }, (err: any) => err);
const PASSWORD = 'Str0ng-Passw0rd';
const newUser = (userName: string) => ram.createUser(new RamModels.CreateUserRequest({ userName }));
const createProfile = (userName: string, extra: Record<string, unknown> = {}) =>
  ram.createLoginProfile(new RamModels.CreateLoginProfileRequest({ userName, password: PASSWORD, ...extra }));
const getProfile = (userName: string) => ram.getLoginProfile(new RamModels.GetLoginProfileRequest({ userName }));
const withStore = async <T>(fn: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> => {
  const store = await openStore({ dataDir: t.dataDir });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
};
/** A RAM user with a login profile and an AccessKey of its own. */
async function userWithKey(userName: string): Promise<any> {
  await newUser(userName);
  await createProfile(userName);
  const key = (await ram.createAccessKey(new RamModels.CreateAccessKeyRequest({ userName }))).body.accessKey;
  return ramClient({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret } satisfies Keys, { endpoint: t.endpoint });
}

describe('CreateLoginProfile', () => {
  it('returns the profile with its flags and never the password', async () => {
    await newUser('console-user');
    const res = await createProfile('console-user', { passwordResetRequired: true, MFABindRequired: true });
    expect(res.body.loginProfile).toEqual({ userName: 'console-user', passwordResetRequired: true, MFABindRequired: true, createDate: expect.stringMatching(/Z$/) });
    expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
  });

  it('defaults both flags to false', async () => {
    await newUser('defaults');
    const res = await createProfile('defaults');
    expect(res.body.loginProfile).toMatchObject({ passwordResetRequired: false, MFABindRequired: false });
  });

  it('stores only a scrypt hash of the password', async () => {
    await newUser('hashed');
    await createProfile('hashed');
    const row = await withStore((store) => store.db.selectFrom('login_profiles').innerJoin('users', 'users.user_id', 'login_profiles.user_id').select('password_hash').where('users.user_name', '=', 'hashed').executeTakeFirstOrThrow());
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it('refuses a second profile (EntityAlreadyExists.User.LoginProfile, 409)', async () => {
    await newUser('twice');
    await createProfile('twice');
    const err = await failure(createProfile('twice'));
    expect(err.code).toBe('EntityAlreadyExists.User.LoginProfile');
    expect(err.statusCode).toBe(409);
  });

  it('refuses a password shorter than the policy minimum (InvalidParameter.Password.TooWeak)', async () => {
    await newUser('weak');
    const err = await failure(ram.createLoginProfile(new RamModels.CreateLoginProfileRequest({ userName: 'weak', password: 'short' })));
    expect(err.code).toBe('InvalidParameter.Password.TooWeak');
    expect(err.statusCode).toBe(400);
    expect((await failure(getProfile('weak'))).code).toBe('EntityNotExist.User.LoginProfile');
  });

  it('answers EntityNotExist.User for an unknown user', async () => {
    expect((await failure(createProfile('nobody'))).code).toBe('EntityNotExist.User');
  });
});

describe('GetLoginProfile', () => {
  it('answers EntityNotExist.User.LoginProfile (404) for a user without one', async () => {
    await newUser('no-profile');
    const err = await failure(getProfile('no-profile'));
    expect(err.code).toBe('EntityNotExist.User.LoginProfile');
    expect(err.statusCode).toBe(404);
  });
});

describe('UpdateLoginProfile', () => {
  it('changes the password and the flags it is given', async () => {
    await newUser('updated');
    await createProfile('updated');
    await ram.updateLoginProfile(new RamModels.UpdateLoginProfileRequest({ userName: 'updated', password: 'An0ther-Passw0rd', MFABindRequired: true }));
    expect((await getProfile('updated')).body.loginProfile).toMatchObject({ MFABindRequired: true, passwordResetRequired: false });
    const verified = await withStore((store) => verifyUserPassword(store, accountId, 'updated', 'An0ther-Passw0rd'));
    expect(verified?.user.user_name).toBe('updated');
    expect(await withStore((store) => verifyUserPassword(store, accountId, 'updated', PASSWORD))).toBeNull();
  });

  it('answers EntityNotExist.User.LoginProfile for a user without one', async () => {
    await newUser('update-missing');
    const err = await failure(ram.updateLoginProfile(new RamModels.UpdateLoginProfileRequest({ userName: 'update-missing', passwordResetRequired: true })));
    expect(err.code).toBe('EntityNotExist.User.LoginProfile');
  });
});

describe('DeleteLoginProfile', () => {
  it('deletes the profile', async () => {
    await newUser('deleted');
    await createProfile('deleted');
    await ram.deleteLoginProfile(new RamModels.DeleteLoginProfileRequest({ userName: 'deleted' }));
    expect((await failure(getProfile('deleted'))).code).toBe('EntityNotExist.User.LoginProfile');
  });

  it('answers EntityNotExist.User.LoginProfile when there is none', async () => {
    await newUser('delete-missing');
    expect((await failure(ram.deleteLoginProfile(new RamModels.DeleteLoginProfileRequest({ userName: 'delete-missing' })))).code).toBe('EntityNotExist.User.LoginProfile');
  });
});

describe('ChangePassword', () => {
  it('lets a RAM user change its own password and clears PasswordResetRequired', async () => {
    const self = await userWithKey('changer');
    await ram.updateLoginProfile(new RamModels.UpdateLoginProfileRequest({ userName: 'changer', passwordResetRequired: true }));
    await self.changePassword(new RamModels.ChangePasswordRequest({ oldPassword: PASSWORD, newPassword: 'Brand-N3w-Secret' }));
    expect(await withStore((store) => verifyUserPassword(store, accountId, 'changer', 'Brand-N3w-Secret'))).toMatchObject({ passwordResetRequired: false });
  });

  it('refuses a wrong OldPassword', async () => {
    const self = await userWithKey('forgetful');
    const err = await failure(self.changePassword(new RamModels.ChangePasswordRequest({ oldPassword: 'Wr0ng-Password', newPassword: 'Brand-N3w-Secret' })));
    expect(err.code).toBe('InvalidParameter.OldPassword');
  });

  it('refuses a new password that breaks the policy', async () => {
    const self = await userWithKey('weakling');
    const err = await failure(self.changePassword(new RamModels.ChangePasswordRequest({ oldPassword: PASSWORD, newPassword: 'short' })));
    expect(err.code).toBe('InvalidParameter.Password.TooWeak');
  });

  it('is refused when the security preference forbids users to change passwords', async () => {
    const self = await userWithKey('forbidden');
    await ram.setSecurityPreference(new RamModels.SetSecurityPreferenceRequest({ allowUserToChangePassword: false }));
    try {
      const err = await failure(self.changePassword(new RamModels.ChangePasswordRequest({ oldPassword: PASSWORD, newPassword: 'Brand-N3w-Secret' })));
      expect(err.code).toBe('NoPermission');
    } finally {
      await ram.setSecurityPreference(new RamModels.SetSecurityPreferenceRequest({ allowUserToChangePassword: true }));
    }
  });

  it('is refused to the root, which has no RAM-user login profile', async () => {
    const err = await failure(ram.changePassword(new RamModels.ChangePasswordRequest({ oldPassword: PASSWORD, newPassword: 'Brand-N3w-Secret' })));
    expect(err.code).toBe('NoPermission');
  });
});
