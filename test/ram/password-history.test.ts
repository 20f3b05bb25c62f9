import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { RamModels, ramClient, type Keys } from '../helpers/sdk.js';
import { openStore } from '../../src/store/index.js';
import { verifyUserPassword } from '../../src/services/ram/login-profiles.js';

/** PasswordReusePrevention (api-facts §2.7): the last N passwords, the current one included, cannot be set again. */
let t: TestServer;
let accountId: string;
let ram: any;

beforeAll(async () => {
  t = await startTestServer();
  const account = await t.createAccount(uniqueAlias('ph'));
  accountId = account.accountId;
  ram = ramClient({ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret }, { endpoint: t.endpoint });
  await ram.setPasswordPolicy(new RamModels.SetPasswordPolicyRequest({ passwordReusePrevention: 2 }));
});
afterAll(() => t.stop());

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected the call to fail'); }, (err: any) => err);
const FIRST = 'F1rst-Passw0rd';
const SECOND = 'Sec0nd-Passw0rd';
const THIRD = 'Th1rd-Passw0rd';

/** A RAM user with the password FIRST and an AccessKey of its own, as a ChangePassword client. */
async function user(userName: string): Promise<any> {
  await ram.createUser(new RamModels.CreateUserRequest({ userName }));
  await ram.createLoginProfile(new RamModels.CreateLoginProfileRequest({ userName, password: FIRST }));
  const key = (await ram.createAccessKey(new RamModels.CreateAccessKeyRequest({ userName }))).body.accessKey;
  return ramClient({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret } satisfies Keys, { endpoint: t.endpoint });
}
const change = (self: any, oldPassword: string, newPassword: string) => self.changePassword(new RamModels.ChangePasswordRequest({ oldPassword, newPassword }));
const opens = async (userName: string, password: string) => {
  const store = await openStore({ dataDir: t.dataDir });
  try {
    return (await verifyUserPassword(store, accountId, userName, password)) !== null;
  } finally {
    await store.close();
  }
};

describe('PasswordReusePrevention', () => {
  it('refuses ChangePassword to the current password with InvalidParameter.Password.Reused (400)', async () => {
    const self = await user('same-again');
    const err = await failure(change(self, FIRST, FIRST));
    expect(err.code).toBe('InvalidParameter.Password.Reused');
    expect(err.statusCode).toBe(400);
  });

  it('refuses the password before the current one and accepts the one before that', async () => {
    const self = await user('cycler');
    await change(self, FIRST, SECOND);
    expect((await failure(change(self, SECOND, FIRST))).code).toBe('InvalidParameter.Password.Reused');
    await change(self, SECOND, THIRD);
    // Now the last two are THIRD and SECOND: FIRST is old enough to come back.
    await change(self, THIRD, FIRST);
    expect(await opens('cycler', FIRST)).toBe(true);
  });

  it('a refused reuse changes nothing: the current password still opens and the history is unchanged', async () => {
    const self = await user('unchanged');
    await change(self, FIRST, SECOND);
    await failure(change(self, SECOND, FIRST));
    expect(await opens('unchanged', SECOND)).toBe(true);
    expect(await opens('unchanged', FIRST)).toBe(false);
    await change(self, SECOND, THIRD);
    expect((await failure(change(self, THIRD, SECOND))).code).toBe('InvalidParameter.Password.Reused');
  });

  it('applies to an administrator reset with UpdateLoginProfile too', async () => {
    await user('reset-by-admin');
    const err = await failure(ram.updateLoginProfile(new RamModels.UpdateLoginProfileRequest({ userName: 'reset-by-admin', password: FIRST })));
    expect(err.code).toBe('InvalidParameter.Password.Reused');
    await ram.updateLoginProfile(new RamModels.UpdateLoginProfileRequest({ userName: 'reset-by-admin', password: SECOND }));
    expect(await opens('reset-by-admin', SECOND)).toBe(true);
  });

  it('at 0 (the default) lets the current password be set again', async () => {
    const self = await user('no-history');
    await ram.setPasswordPolicy(new RamModels.SetPasswordPolicyRequest({ passwordReusePrevention: 0 }));
    try {
      await change(self, FIRST, FIRST);
      expect(await opens('no-history', FIRST)).toBe(true);
    } finally {
      await ram.setPasswordPolicy(new RamModels.SetPasswordPolicyRequest({ passwordReusePrevention: 2 }));
    }
  });
});
