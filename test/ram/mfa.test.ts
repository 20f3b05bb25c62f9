import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { RamModels, ramClient } from '../helpers/sdk.js';
import { openStore } from '../../src/store/index.js';
import { loadMasterKey } from '../../src/secrets/master-key.js';
import { Sealer } from '../../src/secrets/sealer.js';
import { verifyUserTotp } from '../../src/services/ram/mfa.js';

let t: TestServer;
let accountId: string;
let ram: any;

beforeAll(async () => {
  t = await startTestServer();
  const account = await t.createAccount(uniqueAlias('mfa'));
  accountId = account.accountId;
  ram = ramClient({ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret }, { endpoint: t.endpoint });
});
afterAll(() => t.stop());

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected the call to fail'); }, (err: any) => err);
const codeAt = (seed: string, ms: number) => authenticator.clone({ epoch: ms }).generate(seed);
const createDevice = async (name: string) => (await ram.createVirtualMFADevice(new RamModels.CreateVirtualMFADeviceRequest({ virtualMFADeviceName: name }))).body.virtualMFADevice;
const bind = (userName: string, serialNumber: string, code1: string, code2: string) =>
  ram.bindMFADevice(new RamModels.BindMFADeviceRequest({ userName, serialNumber, authenticationCode1: code1, authenticationCode2: code2 }));
/** A user with a freshly created device bound to it with the codes of the previous and current steps. */
async function boundUser(name: string): Promise<{ serialNumber: string; seed: string }> {
  await ram.createUser(new RamModels.CreateUserRequest({ userName: name }));
  const device = await createDevice(`${name}-device`);
  const now = Date.now();
  await bind(name, device.serialNumber, codeAt(device.base32StringSeed, now - 30_000), codeAt(device.base32StringSeed, now));
  return { serialNumber: device.serialNumber, seed: device.base32StringSeed };
}

describe('CreateVirtualMFADevice', () => {
  it('returns the serial number, a Base32 seed and a PNG QR code', async () => {
    const device = await createDevice('phone');
    expect(device.serialNumber).toBe(`acs:ram::${accountId}:mfa/phone`);
    expect(device.base32StringSeed).toMatch(/^[A-Z2-7]{32}$/);
    expect(Buffer.from(device.QRCodePNG, 'base64').subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('refuses a second device of the same name (EntityAlreadyExists.VirtualMFADevice)', async () => {
    await createDevice('dup');
    expect((await failure(createDevice('dup'))).code).toBe('EntityAlreadyExists.VirtualMFADevice');
  });

  it('refuses invalid characters in the name', async () => {
    expect((await failure(createDevice('my_phone'))).code).toBe('InvalidParameter.VirtualMFADeviceName.InvalidChars');
  });

  it('keeps the seed sealed at rest and never lists it', async () => {
    const device = await createDevice('sealed-seed');
    const store = await openStore({ dataDir: t.dataDir });
    try {
      const row = await store.db.selectFrom('mfa_devices').select('seed_sealed').where('serial_number', '=', device.serialNumber).executeTakeFirstOrThrow();
      expect(row.seed_sealed).not.toContain(device.base32StringSeed);
    } finally {
      await store.close();
    }
    const listed = await ram.listVirtualMFADevices();
    expect(JSON.stringify(listed.body)).not.toContain(device.base32StringSeed);
  });
});

describe('BindMFADevice', () => {
  it('binds with two consecutive codes and GetUserMFAInfo shows the device', async () => {
    const { serialNumber } = await boundUser('binder');
    const info = await ram.getUserMFAInfo(new RamModels.GetUserMFAInfoRequest({ userName: 'binder' }));
    expect(info.body.MFADevice).toEqual({ serialNumber, type: 'VMFA' });
  });

  it('accepts the codes of the current and next steps', async () => {
    await ram.createUser(new RamModels.CreateUserRequest({ userName: 'ahead' }));
    const device = await createDevice('ahead-device');
    const now = Date.now();
    await bind('ahead', device.serialNumber, codeAt(device.base32StringSeed, now), codeAt(device.base32StringSeed, now + 30_000));
    expect((await ram.getUserMFAInfo(new RamModels.GetUserMFAInfoRequest({ userName: 'ahead' }))).body.MFADevice.serialNumber).toBe(device.serialNumber);
  });

  it('refuses codes that are not consecutive (CheckAuthenticationCodeFail, 403)', async () => {
    await ram.createUser(new RamModels.CreateUserRequest({ userName: 'wrong-codes' }));
    const device = await createDevice('wrong-codes-device');
    const now = Date.now();
    const err = await failure(bind('wrong-codes', device.serialNumber, codeAt(device.base32StringSeed, now), codeAt(device.base32StringSeed, now)));
    expect(err.code).toBe('CheckAuthenticationCodeFail');
    expect(err.statusCode).toBe(403);
  });

  it('refuses codes that are not six digits (InvalidParameter.AuthenticationCode.Format)', async () => {
    await ram.createUser(new RamModels.CreateUserRequest({ userName: 'bad-format' }));
    const device = await createDevice('bad-format-device');
    const err = await failure(bind('bad-format', device.serialNumber, '12345', 'abcdef'));
    expect(err.code).toBe('InvalidParameter.AuthenticationCode.Format');
    expect(err.statusCode).toBe(400);
  });

  it('refuses a second device for a user (EntityAlreadyExists.User.MFADevice)', async () => {
    const { seed } = await boundUser('one-device');
    const other = await createDevice('one-device-spare');
    const now = Date.now();
    const err = await failure(bind('one-device', other.serialNumber, codeAt(other.base32StringSeed, now - 30_000), codeAt(other.base32StringSeed, now)));
    expect(err.code).toBe('EntityAlreadyExists.User.MFADevice');
    expect(seed).not.toBe(other.base32StringSeed);
  });

  it('refuses a device bound to someone else (EntityAlreadyExists.VirtualMFADevice.User)', async () => {
    const { serialNumber, seed } = await boundUser('first-owner');
    await ram.createUser(new RamModels.CreateUserRequest({ userName: 'second-owner' }));
    const now = Date.now();
    const err = await failure(bind('second-owner', serialNumber, codeAt(seed, now - 30_000), codeAt(seed, now)));
    expect(err.code).toBe('EntityAlreadyExists.VirtualMFADevice.User');
  });

  it('answers EntityNotExist.VirtualMFADevice for an unknown serial number', async () => {
    await ram.createUser(new RamModels.CreateUserRequest({ userName: 'no-device' }));
    const err = await failure(bind('no-device', `acs:ram::${accountId}:mfa/none`, '123456', '654321'));
    expect(err.code).toBe('EntityNotExist.VirtualMFADevice');
  });
});

describe('verifyUserTotp (console)', () => {
  /** A user whose device was just bound (with the codes of the previous and current steps), and a store to check codes with. */
  async function checker(userName: string) {
    const { seed } = await boundUser(userName);
    const store = await openStore({ dataDir: t.dataDir });
    const user = await store.db.selectFrom('users').select('user_id').where('account_id', '=', accountId).where('user_name', '=', userName).executeTakeFirstOrThrow();
    const sealer = new Sealer(loadMasterKey(t.dataDir));
    const verify = (code: string, now: number) => verifyUserTotp(store, sealer, accountId, user.user_id, code, now);
    return { seed, verify, close: () => store.close() };
  }

  it('accepts a code of the bound device newer than the binding and refuses one outside the window', async () => {
    const { seed, verify, close } = await checker('console-mfa');
    try {
      const now = Date.now();
      expect(await verify(codeAt(seed, now + 30_000), now)).toBe(true);
      expect(await verify(codeAt(seed, now + 5 * 30_000), now)).toBe(false);
    } finally {
      await close();
    }
  });

  it('threat: refuses a code used once already, and any code of an earlier step', async () => {
    const { seed, verify, close } = await checker('console-mfa-replay');
    try {
      const now = Date.now();
      const next = codeAt(seed, now + 30_000);
      expect(await verify(next, now)).toBe(true);
      expect(await verify(next, now)).toBe(false);
      expect(await verify(codeAt(seed, now), now)).toBe(false);
    } finally {
      await close();
    }
  });

  it('threat: two logons racing with the same code: exactly one is accepted', async () => {
    const { seed, verify, close } = await checker('console-mfa-race');
    try {
      const now = Date.now();
      const code = codeAt(seed, now + 30_000);
      const results = await Promise.all(Array.from({ length: 8 }, () => verify(code, now)));
      expect(results.filter(Boolean)).toHaveLength(1);
    } finally {
      await close();
    }
  });
});

describe('UnbindMFADevice', () => {
  it('unbinds and returns the serial number', async () => {
    const { serialNumber } = await boundUser('unbinder');
    const res = await ram.unbindMFADevice(new RamModels.UnbindMFADeviceRequest({ userName: 'unbinder' }));
    expect(res.body.MFADevice.serialNumber).toBe(serialNumber);
    expect((await failure(ram.getUserMFAInfo(new RamModels.GetUserMFAInfoRequest({ userName: 'unbinder' })))).code).toBe('EntityNotExist.User.MFADevice');
  });

  it('answers EntityNotExist.User.MFADevice when nothing is bound', async () => {
    await ram.createUser(new RamModels.CreateUserRequest({ userName: 'unbound' }));
    const err = await failure(ram.unbindMFADevice(new RamModels.UnbindMFADeviceRequest({ userName: 'unbound' })));
    expect(err.code).toBe('EntityNotExist.User.MFADevice');
    expect(err.statusCode).toBe(404);
  });
});

describe('ListVirtualMFADevices', () => {
  it('shows the user and activation date of bound devices only', async () => {
    const { serialNumber } = await boundUser('listed');
    const spare = await createDevice('listed-spare');
    const devices = (await ram.listVirtualMFADevices()).body.virtualMFADevices.virtualMFADevice;
    const bound = devices.find((d: any) => d.serialNumber === serialNumber);
    const unbound = devices.find((d: any) => d.serialNumber === spare.serialNumber);
    expect(bound).toMatchObject({ activateDate: expect.stringMatching(/Z$/), user: { userName: 'listed', userId: expect.stringMatching(/^\d+$/) } });
    expect(unbound).toEqual({ serialNumber: spare.serialNumber });
  });
});

describe('DeleteVirtualMFADevice', () => {
  it('refuses while the device is bound (DeleteConflict.VirtualMFADevice.User) and deletes it once unbound', async () => {
    const { serialNumber } = await boundUser('delete-device');
    const err = await failure(ram.deleteVirtualMFADevice(new RamModels.DeleteVirtualMFADeviceRequest({ serialNumber })));
    expect(err.code).toBe('DeleteConflict.VirtualMFADevice.User');
    expect(err.statusCode).toBe(409);
    await ram.unbindMFADevice(new RamModels.UnbindMFADeviceRequest({ userName: 'delete-device' }));
    await ram.deleteVirtualMFADevice(new RamModels.DeleteVirtualMFADeviceRequest({ serialNumber }));
    const devices = (await ram.listVirtualMFADevices()).body.virtualMFADevices.virtualMFADevice;
    expect(devices.map((d: any) => d.serialNumber)).not.toContain(serialNumber);
  });

  it("answers EntityNotExist.VirtualMFADevice for another account's serial number", async () => {
    const err = await failure(ram.deleteVirtualMFADevice(new RamModels.DeleteVirtualMFADeviceRequest({ serialNumber: 'acs:ram::1234567890123456:mfa/phone' })));
    expect(err.code).toBe('EntityNotExist.VirtualMFADevice');
  });
});
