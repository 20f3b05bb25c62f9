import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { RamModels, ramClient } from '../helpers/sdk.js';

/**
 * Escalation guards of the user area: a RAM user whose policy allows an action only on its own user
 * must not reach another user with it. Each threat has a control call on the user itself, so a
 * denial proves the resource check, not a user without any rights. These need the policy engine in
 * the gateway and the CreatePolicy / AttachPolicyToUser actions.
 */
let t: TestServer;
let accountId: string;
let root: any;

beforeAll(async () => {
  t = await startTestServer();
  const account = await t.createAccount(uniqueAlias('esc'));
  accountId = account.accountId;
  root = ramClient({ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret }, { endpoint: t.endpoint });
});
afterAll(() => t.stop());

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected the call to fail'); }, (err: any) => err);
const PASSWORD = 'Str0ng-Passw0rd';
const userArn = (name: string) => `acs:ram:*:${accountId}:user/${name}`;

/** A RAM user (through root: CreateUser + CreateAccessKey) with one custom policy attached; returns its client. */
async function narrowUser(name: string, statements: object[]): Promise<any> {
  await root.createUser(new RamModels.CreateUserRequest({ userName: name }));
  const key = (await root.createAccessKey(new RamModels.CreateAccessKeyRequest({ userName: name }))).body.accessKey;
  const policyName = `${name}-policy`;
  await root.createPolicy(new RamModels.CreatePolicyRequest({ policyName, policyDocument: JSON.stringify({ Version: '1', Statement: statements }) }));
  await root.attachPolicyToUser(new RamModels.AttachPolicyToUserRequest({ policyType: 'Custom', policyName, userName: name }));
  return ramClient({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret }, { endpoint: t.endpoint });
}
const onlySelf = (name: string, ...actions: string[]) => [{ Effect: 'Allow', Action: actions.map((a) => `ram:${a}`), Resource: userArn(name) }];
const victim = async (name: string) => root.createUser(new RamModels.CreateUserRequest({ userName: name }));

describe('AccessKey escalation', () => {
  it('a user allowed CreateAccessKey on itself cannot create an AccessKey for another user', async () => {
    const self = await narrowUser('ak-self', onlySelf('ak-self', 'CreateAccessKey'));
    await victim('ak-victim');
    expect((await self.createAccessKey(new RamModels.CreateAccessKeyRequest({ userName: 'ak-self' }))).body.accessKey.accessKeyId).toMatch(/^LTAI/);
    const err = await failure(self.createAccessKey(new RamModels.CreateAccessKeyRequest({ userName: 'ak-victim' })));
    expect(err.code).toBe('NoPermission');
    const keys = (await root.listAccessKeys(new RamModels.ListAccessKeysRequest({ userName: 'ak-victim' }))).body.accessKeys.accessKey;
    expect(keys).toEqual([]);
  });

  it('a Deny on a user cannot be dodged by spelling its name in another case', async () => {
    const self = await narrowUser('ak-case', [
      { Effect: 'Allow', Action: 'ram:CreateAccessKey', Resource: userArn('*') },
      { Effect: 'Deny', Action: 'ram:CreateAccessKey', Resource: userArn('ak-admin') },
    ]);
    await victim('ak-admin');
    await victim('ak-anyone');
    await self.createAccessKey(new RamModels.CreateAccessKeyRequest({ userName: 'ak-anyone' }));
    const err = await failure(self.createAccessKey(new RamModels.CreateAccessKeyRequest({ userName: 'AK-ADMIN' })));
    expect(err.code).toBe('NoPermission');
  });
});

describe('login profile escalation', () => {
  it('a user allowed CreateLoginProfile on itself cannot create a login profile for another user', async () => {
    const self = await narrowUser('lp-self', onlySelf('lp-self', 'CreateLoginProfile'));
    await victim('lp-victim');
    await self.createLoginProfile(new RamModels.CreateLoginProfileRequest({ userName: 'lp-self', password: PASSWORD }));
    const err = await failure(self.createLoginProfile(new RamModels.CreateLoginProfileRequest({ userName: 'lp-victim', password: PASSWORD })));
    expect(err.code).toBe('NoPermission');
  });

  it("a user allowed UpdateLoginProfile on itself cannot reset another user's password", async () => {
    const self = await narrowUser('lpu-self', onlySelf('lpu-self', 'UpdateLoginProfile'));
    await root.createLoginProfile(new RamModels.CreateLoginProfileRequest({ userName: 'lpu-self', password: PASSWORD }));
    await victim('lpu-victim');
    await root.createLoginProfile(new RamModels.CreateLoginProfileRequest({ userName: 'lpu-victim', password: PASSWORD }));
    await self.updateLoginProfile(new RamModels.UpdateLoginProfileRequest({ userName: 'lpu-self', passwordResetRequired: true }));
    const err = await failure(self.updateLoginProfile(new RamModels.UpdateLoginProfileRequest({ userName: 'lpu-victim', password: 'Att4cker-Chosen' })));
    expect(err.code).toBe('NoPermission');
  });
});

describe('MFA escalation', () => {
  it("a user allowed UnbindMFADevice on itself cannot unbind another user's MFA device", async () => {
    const self = await narrowUser('mfa-self', onlySelf('mfa-self', 'UnbindMFADevice'));
    await victim('mfa-victim');
    for (const name of ['mfa-self', 'mfa-victim']) {
      const device = (await root.createVirtualMFADevice(new RamModels.CreateVirtualMFADeviceRequest({ virtualMFADeviceName: `${name}-device` }))).body.virtualMFADevice;
      const now = Date.now();
      const code = (ms: number) => authenticator.clone({ epoch: ms }).generate(device.base32StringSeed);
      await root.bindMFADevice(new RamModels.BindMFADeviceRequest({ userName: name, serialNumber: device.serialNumber, authenticationCode1: code(now - 30_000), authenticationCode2: code(now) }));
    }
    await self.unbindMFADevice(new RamModels.UnbindMFADeviceRequest({ userName: 'mfa-self' }));
    const err = await failure(self.unbindMFADevice(new RamModels.UnbindMFADeviceRequest({ userName: 'mfa-victim' })));
    expect(err.code).toBe('NoPermission');
    expect((await root.getUserMFAInfo(new RamModels.GetUserMFAInfoRequest({ userName: 'mfa-victim' }))).body.MFADevice.type).toBe('VMFA');
  });
});
