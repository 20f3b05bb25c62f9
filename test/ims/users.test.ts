import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { ImsModels, RamModels, imsClient, ramClient, stsClient } from '../helpers/sdk.js';

let t: TestServer;
let ims: any;
let imsV1: any;
let ram: any;
let domain: string;

beforeAll(async () => {
  t = await startTestServer();
  const account = await t.createAccount(uniqueAlias('ims'));
  domain = account.defaultDomain;
  const keys = { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret };
  ims = imsClient(keys, { endpoint: t.endpoint });
  imsV1 = imsClient(keys, { endpoint: t.endpoint, signatureAlgorithm: 'v2' });
  ram = ramClient(keys, { endpoint: t.endpoint });
});
afterAll(() => t.stop());

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected the call to fail'); }, (err: any) => err);
const upn = (name: string) => `${name}@${domain}`;
const createUser = (name: string, extra: Record<string, unknown> = {}) =>
  ims.createUser(new ImsModels.CreateUserRequest({ userPrincipalName: upn(name), displayName: name, ...extra }));

describe('IMS users', () => {
  it('creates a user named by UserPrincipalName, visible to RAM by its name', async () => {
    const res = await createUser('carol', { comments: 'from IMS' });
    expect(res.body.user).toMatchObject({ userPrincipalName: upn('carol'), displayName: 'carol', comments: 'from IMS', provisionType: 'Manual' });
    expect(res.body.user.userId).toMatch(/^\d+$/);
    expect((await ram.getUser(new RamModels.GetUserRequest({ userName: 'carol' }))).body.user.userId).toBe(res.body.user.userId);
  });

  it('works with V1 signatures (signatureAlgorithm v2)', async () => {
    const res = await imsV1.createUser(new ImsModels.CreateUserRequest({ userPrincipalName: upn('v1-ims'), displayName: 'V1' }));
    expect(res.body.user.userPrincipalName).toBe(upn('v1-ims'));
  });

  it('requires DisplayName', async () => {
    const err = await failure(ims.createUser(new ImsModels.CreateUserRequest({ userPrincipalName: upn('no-display') })));
    expect(err.code).toBe('MissingParameter');
  });

  it('limits DisplayName to 24 characters (RAM allows 128)', async () => {
    expect((await failure(createUser('long-display', { displayName: 'd'.repeat(25) }))).code).toBe('InvalidParameter.DisplayName.Length');
  });

  it('refuses a UserPrincipalName outside the account default domain', async () => {
    const err = await failure(ims.createUser(new ImsModels.CreateUserRequest({ userPrincipalName: 'dave@elsewhere.onaliyun.com', displayName: 'Dave' })));
    expect(err.code).toBe('InvalidParameter.UserPrincipalName.Format');
  });

  it('gets a user with its UserName and UserPrincipalName', async () => {
    await createUser('getter');
    const res = await ims.getUser(new ImsModels.GetUserRequest({ userPrincipalName: upn('getter') }));
    expect(res.body.user).toMatchObject({ userName: 'getter', userPrincipalName: upn('getter'), updateDate: expect.stringMatching(/Z$/) });
  });

  it('renames a user through NewUserPrincipalName', async () => {
    await createUser('before');
    const res = await ims.updateUser(new ImsModels.UpdateUserRequest({ userPrincipalName: upn('before'), newUserPrincipalName: upn('after'), newDisplayName: 'After' }));
    expect(res.body.user).toMatchObject({ userPrincipalName: upn('after'), displayName: 'After' });
    expect((await failure(ims.getUser(new ImsModels.GetUserRequest({ userPrincipalName: upn('before') })))).code).toBe('EntityNotExist.User');
  });

  it('pages ListUsers with Marker', async () => {
    for (const n of ['page-a', 'page-b', 'page-c']) await createUser(n);
    const first = await ims.listUsers(new ImsModels.ListUsersRequest({ maxItems: 2 }));
    expect(first.body.isTruncated).toBe(true);
    const second = await ims.listUsers(new ImsModels.ListUsersRequest({ maxItems: 2, marker: first.body.marker }));
    const names = [...first.body.users.user, ...second.body.users.user].map((u: any) => u.userPrincipalName);
    expect(new Set(names).size).toBe(4);
    expect(first.body.users.user[0].status).toBe('Active');
  });

  it('deletes a user', async () => {
    await createUser('gone');
    await ims.deleteUser(new ImsModels.DeleteUserRequest({ userPrincipalName: upn('gone') }));
    expect((await failure(ims.getUser(new ImsModels.GetUserRequest({ userPrincipalName: upn('gone') })))).code).toBe('EntityNotExist.User');
  });
});

describe('IMS login profiles', () => {
  it('creates, reads, updates and deletes a login profile in the IMS shape', async () => {
    await createUser('console');
    const created = await ims.createLoginProfile(new ImsModels.CreateLoginProfileRequest({ userPrincipalName: upn('console'), password: 'Str0ng-Passw0rd', MFABindRequired: true }));
    expect(created.body.loginProfile).toEqual({ userPrincipalName: upn('console'), passwordResetRequired: false, MFABindRequired: true, status: 'Active', updateDate: expect.stringMatching(/Z$/) });
    const updated = await ims.updateLoginProfile(new ImsModels.UpdateLoginProfileRequest({ userPrincipalName: upn('console'), passwordResetRequired: true }));
    expect(updated.body.loginProfile.passwordResetRequired).toBe(true);
    expect((await ims.getLoginProfile(new ImsModels.GetLoginProfileRequest({ userPrincipalName: upn('console') }))).body.loginProfile.passwordResetRequired).toBe(true);
    await ims.deleteLoginProfile(new ImsModels.DeleteLoginProfileRequest({ userPrincipalName: upn('console') }));
    const err = await failure(ims.getLoginProfile(new ImsModels.GetLoginProfileRequest({ userPrincipalName: upn('console') })));
    expect(err.code).toBe('EntityNotExist.User.LoginProfile');
  });

  it('refuses Status Inactive, which ramstack does not keep', async () => {
    await createUser('inactive-profile');
    const err = await failure(ims.createLoginProfile(new ImsModels.CreateLoginProfileRequest({ userPrincipalName: upn('inactive-profile'), password: 'Str0ng-Passw0rd', status: 'Inactive' })));
    expect(err.code).toBe('InvalidParameter');
  });

  it('lets a user change its own password', async () => {
    await createUser('self-changer');
    await ims.createLoginProfile(new ImsModels.CreateLoginProfileRequest({ userPrincipalName: upn('self-changer'), password: 'Str0ng-Passw0rd' }));
    const key = (await ims.createAccessKey(new ImsModels.CreateAccessKeyRequest({ userPrincipalName: upn('self-changer') }))).body.accessKey;
    const self = imsClient({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret }, { endpoint: t.endpoint });
    await self.changePassword(new ImsModels.ChangePasswordRequest({ oldPassword: 'Str0ng-Passw0rd', newPassword: 'N3w-Str0ng-Pass' }));
    const err = await failure(self.changePassword(new ImsModels.ChangePasswordRequest({ oldPassword: 'Str0ng-Passw0rd', newPassword: 'Y3t-Another-Pass' })));
    expect(err.code).toBe('InvalidParameter.OldPassword');
  });
});

describe('IMS AccessKeys', () => {
  it('creates, lists, deactivates and deletes a key', async () => {
    await createUser('keyed');
    const key = (await ims.createAccessKey(new ImsModels.CreateAccessKeyRequest({ userPrincipalName: upn('keyed') }))).body.accessKey;
    expect(key).toMatchObject({ accessKeyId: expect.stringMatching(/^LTAI/), accessKeySecret: expect.any(String), status: 'Active' });
    const listed = (await ims.listAccessKeys(new ImsModels.ListAccessKeysRequest({ userPrincipalName: upn('keyed') }))).body.accessKeys.accessKey;
    expect(listed).toEqual([{ accessKeyId: key.accessKeyId, status: 'Active', createDate: key.createDate }]);
    await ims.updateAccessKey(new ImsModels.UpdateAccessKeyRequest({ userPrincipalName: upn('keyed'), userAccessKeyId: key.accessKeyId, status: 'Inactive' }));
    const err = await failure(stsClient({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret }, { endpoint: t.endpoint }).getCallerIdentity());
    expect(err.code).toBe('InvalidAccessKeyId.Inactive');
    const lastUsed = await ims.getAccessKeyLastUsed(new ImsModels.GetAccessKeyLastUsedRequest({ userPrincipalName: upn('keyed'), userAccessKeyId: key.accessKeyId }));
    expect(lastUsed.body.accessKeyLastUsed).toBeDefined();
    await ims.deleteAccessKey(new ImsModels.DeleteAccessKeyRequest({ userPrincipalName: upn('keyed'), userAccessKeyId: key.accessKeyId }));
    expect((await ims.listAccessKeys(new ImsModels.ListAccessKeysRequest({ userPrincipalName: upn('keyed') }))).body.accessKeys.accessKey).toEqual([]);
  });

  it('refuses a UserPrincipalName of another domain', async () => {
    await createUser('domain-checked');
    const err = await failure(ims.createAccessKey(new ImsModels.CreateAccessKeyRequest({ userPrincipalName: 'domain-checked@other.onaliyun.com' })));
    expect(err.code).toBe('InvalidParameter.UserPrincipalName.Format');
  });
});
