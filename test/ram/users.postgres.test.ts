import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { ImsModels, RamModels, imsClient, ramClient, stsClient } from '../helpers/sdk.js';
import { storeKinds } from '../helpers/stores.js';

/** The user area's happy path on PostgreSQL (counts, row locks, unique violations and bigint results differ from SQLite). */
describe.skipIf(!storeKinds[1]!.available)('user area on PostgreSQL', () => {
  let t: TestServer;
  let ram: any;
  let ims: any;
  let domain: string;
  const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected the call to fail'); }, (err: any) => err);

  beforeAll(async () => {
    t = await startTestServer({ store: 'postgres' });
    const account = await t.createAccount(uniqueAlias('pg-users'));
    domain = account.defaultDomain;
    const keys = { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret };
    ram = ramClient(keys, { endpoint: t.endpoint });
    ims = imsClient(keys, { endpoint: t.endpoint });
  });
  afterAll(() => t?.stop());

  it('creates, renames, lists in pages and deletes users, refusing a case-insensitive duplicate', async () => {
    for (const name of ['pg-a', 'pg-b', 'pg-c']) await ram.createUser(new RamModels.CreateUserRequest({ userName: name }));
    expect((await failure(ram.createUser(new RamModels.CreateUserRequest({ userName: 'PG-A' })))).code).toBe('EntityAlreadyExists.User');
    await ram.updateUser(new RamModels.UpdateUserRequest({ userName: 'pg-c', newUserName: 'pg-renamed' }));
    const first = await ram.listUsers(new RamModels.ListUsersRequest({ maxItems: 2 }));
    const second = await ram.listUsers(new RamModels.ListUsersRequest({ maxItems: 2, marker: first.body.marker }));
    expect([...first.body.users.user, ...second.body.users.user].map((u: any) => u.userName)).toEqual(['pg-a', 'pg-b', 'pg-renamed']);
    await ram.deleteUser(new RamModels.DeleteUserRequest({ userName: 'pg-b' }));
    expect((await failure(ram.getUser(new RamModels.GetUserRequest({ userName: 'pg-b' })))).code).toBe('EntityNotExist.User');
  });

  it('creates AccessKeys up to the limit, deactivates and deletes them', async () => {
    await ram.createUser(new RamModels.CreateUserRequest({ userName: 'pg-keys' }));
    const key = (await ram.createAccessKey(new RamModels.CreateAccessKeyRequest({ userName: 'pg-keys' }))).body.accessKey;
    await ram.createAccessKey(new RamModels.CreateAccessKeyRequest({ userName: 'pg-keys' }));
    expect((await failure(ram.createAccessKey(new RamModels.CreateAccessKeyRequest({ userName: 'pg-keys' })))).code).toBe('LimitExceeded.User.AccessKey');
    const sts = stsClient({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret }, { endpoint: t.endpoint });
    expect((await sts.getCallerIdentity()).body.identityType).toBe('RAMUser');
    await ram.updateAccessKey(new RamModels.UpdateAccessKeyRequest({ userName: 'pg-keys', userAccessKeyId: key.accessKeyId, status: 'Inactive' }));
    expect((await failure(sts.getCallerIdentity())).code).toBe('InvalidAccessKeyId.Inactive');
    await ram.deleteAccessKey(new RamModels.DeleteAccessKeyRequest({ userName: 'pg-keys', userAccessKeyId: key.accessKeyId }));
    expect((await ram.listAccessKeys(new RamModels.ListAccessKeysRequest({ userName: 'pg-keys' }))).body.accessKeys.accessKey).toHaveLength(1);
  });

  it('keeps login profiles and MFA devices', async () => {
    await ram.createUser(new RamModels.CreateUserRequest({ userName: 'pg-console' }));
    await ram.createLoginProfile(new RamModels.CreateLoginProfileRequest({ userName: 'pg-console', password: 'Str0ng-Passw0rd' }));
    expect((await failure(ram.createLoginProfile(new RamModels.CreateLoginProfileRequest({ userName: 'pg-console', password: 'Str0ng-Passw0rd' })))).code).toBe('EntityAlreadyExists.User.LoginProfile');
    const device = (await ram.createVirtualMFADevice(new RamModels.CreateVirtualMFADeviceRequest({ virtualMFADeviceName: 'pg-phone' }))).body.virtualMFADevice;
    const now = Date.now();
    const code = (ms: number) => authenticator.clone({ epoch: ms }).generate(device.base32StringSeed);
    await ram.bindMFADevice(new RamModels.BindMFADeviceRequest({ userName: 'pg-console', serialNumber: device.serialNumber, authenticationCode1: code(now - 30_000), authenticationCode2: code(now) }));
    expect((await ram.getUserMFAInfo(new RamModels.GetUserMFAInfoRequest({ userName: 'pg-console' }))).body.MFADevice.serialNumber).toBe(device.serialNumber);
    expect((await failure(ram.deleteUser(new RamModels.DeleteUserRequest({ userName: 'pg-console' })))).code).toBe('DeleteConflict.User.LoginProfile');
  });

  it('sets account settings and serves IMS users', async () => {
    await ram.setPasswordPolicy(new RamModels.SetPasswordPolicyRequest({ minimumPasswordLength: 10 }));
    expect((await ram.getPasswordPolicy()).body.passwordPolicy.minimumPasswordLength).toBe(10);
    await ram.setSecurityPreference(new RamModels.SetSecurityPreferenceRequest({ loginSessionDuration: 8 }));
    expect((await ram.getSecurityPreference()).body.securityPreference.loginProfilePreference.loginSessionDuration).toBe(8);
    const created = await ims.createUser(new ImsModels.CreateUserRequest({ userPrincipalName: `pg-ims@${domain}`, displayName: 'PG' }));
    expect(created.body.user.userPrincipalName).toBe(`pg-ims@${domain}`);
  });
});
