import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { RamModels, ramClient } from '../helpers/sdk.js';

let t: TestServer;
let accountId: string;
let ram: any;

beforeAll(async () => {
  t = await startTestServer();
  const account = await t.createAccount();
  accountId = account.accountId;
  ram = ramClient({ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret }, { endpoint: t.endpoint });
});
afterAll(() => t.stop());

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected the call to fail'); }, (err: any) => err);
const setAlias = (accountAlias: string) => ram.setAccountAlias(new RamModels.SetAccountAliasRequest({ accountAlias }));
const setPolicy = (fields: Record<string, unknown>) => ram.setPasswordPolicy(new RamModels.SetPasswordPolicyRequest(fields));

describe('account alias', () => {
  it('answers the account ID while no alias is set', async () => {
    expect((await ram.getAccountAlias()).body.accountAlias).toBe(accountId);
  });

  it('sets, reads and clears the alias', async () => {
    const alias = uniqueAlias('corp');
    await setAlias(alias);
    expect((await ram.getAccountAlias()).body.accountAlias).toBe(alias);
    await ram.clearAccountAlias();
    expect((await ram.getAccountAlias()).body.accountAlias).toBe(accountId);
  });

  it('refuses upper-case letters and double hyphens (InvalidParameter.AccountAlias.Format)', async () => {
    expect((await failure(setAlias('Corp'))).code).toBe('InvalidParameter.AccountAlias.Format');
    expect((await failure(setAlias('my--corp'))).code).toBe('InvalidParameter.AccountAlias.Format');
  });

  it('refuses an alias outside 3–32 characters (InvalidParameter.AccountAlias.Length)', async () => {
    const err = await failure(setAlias('ab'));
    expect(err.code).toBe('InvalidParameter.AccountAlias.Length');
    expect(err.data.Message).toBe('The parameter - "AccountAlias" MUST be in the range of 3 and 32.');
  });

  it("refuses another account's alias (EntityAlreadyExists.AccountAlias, 409)", async () => {
    const taken = uniqueAlias('taken');
    await t.createAccount(taken);
    const err = await failure(setAlias(taken));
    expect(err.code).toBe('EntityAlreadyExists.AccountAlias');
    expect(err.statusCode).toBe(409);
  });
});

describe('password policy', () => {
  it('starts from the defaults', async () => {
    const other = await t.createAccount();
    const client = ramClient({ accessKeyId: other.accessKeyId, accessKeySecret: other.accessKeySecret }, { endpoint: t.endpoint });
    expect((await client.getPasswordPolicy()).body.passwordPolicy).toEqual({
      minimumPasswordLength: 8, requireLowercaseCharacters: false, requireUppercaseCharacters: false, requireNumbers: false,
      requireSymbols: false, hardExpiry: false, maxPasswordAge: 0, passwordReusePrevention: 0, maxLoginAttemps: 5,
    });
  });

  it('changes only the fields given and returns the whole policy', async () => {
    const res = await setPolicy({ minimumPasswordLength: 12, requireSymbols: true, maxLoginAttemps: 3 });
    expect(res.body.passwordPolicy).toMatchObject({ minimumPasswordLength: 12, requireSymbols: true, maxLoginAttemps: 3, requireNumbers: false });
    await setPolicy({ requireNumbers: true });
    expect((await ram.getPasswordPolicy()).body.passwordPolicy).toMatchObject({ minimumPasswordLength: 12, requireSymbols: true, requireNumbers: true });
    await setPolicy({ minimumPasswordLength: 8, requireSymbols: false, requireNumbers: false, maxLoginAttemps: 5 });
  });

  it('refuses a MinimumPasswordLength outside 8–32 (InvalidParameter.MinimumPasswordLength.Range)', async () => {
    const err = await failure(setPolicy({ minimumPasswordLength: 7 }));
    expect(err.code).toBe('InvalidParameter.MinimumPasswordLength.Range');
    expect(err.data.Message).toBe('The parameter - "MinimumPasswordLength" MUST be in the range of 8 and 32.');
  });

  it('refuses MaxLoginAttemps over 32, MaxPasswordAge over 1095 and PasswordReusePrevention over 24', async () => {
    expect((await failure(setPolicy({ maxLoginAttemps: 33 }))).code).toBe('InvalidParameter.MaxLoginAttemps.Range');
    expect((await failure(setPolicy({ maxPasswordAge: 1096 }))).code).toBe('InvalidParameter.MaxPasswordAge.Range');
    expect((await failure(setPolicy({ passwordReusePrevention: 25 }))).code).toBe('InvalidParameter.PasswordReusePrevention.Range');
  });

  it('is enforced on new login profiles', async () => {
    await setPolicy({ requireUppercaseCharacters: true, requireNumbers: true });
    try {
      await ram.createUser(new RamModels.CreateUserRequest({ userName: 'policy-checked' }));
      const weak = await failure(ram.createLoginProfile(new RamModels.CreateLoginProfileRequest({ userName: 'policy-checked', password: 'lowercase-only' })));
      expect(weak.code).toBe('InvalidParameter.Password.TooWeak');
      await ram.createLoginProfile(new RamModels.CreateLoginProfileRequest({ userName: 'policy-checked', password: 'Upper-and-1-digit' }));
    } finally {
      await setPolicy({ requireUppercaseCharacters: false, requireNumbers: false });
    }
  });
});

describe('security preference', () => {
  it('starts from the defaults in the nested shape', async () => {
    const other = await t.createAccount();
    const client = ramClient({ accessKeyId: other.accessKeyId, accessKeySecret: other.accessKeySecret }, { endpoint: t.endpoint });
    expect((await client.getSecurityPreference()).body.securityPreference).toEqual({
      loginProfilePreference: { enableSaveMFATicket: false, loginSessionDuration: 6, loginNetworkMasks: '', allowUserToChangePassword: true },
      accessKeyPreference: { allowUserToManageAccessKeys: false },
      MFAPreference: { allowUserToManageMFADevices: true },
      publicKeyPreference: { allowUserToManagePublicKeys: false },
    });
  });

  it('changes the fields given, including LoginNetworkMasks', async () => {
    const res = await ram.setSecurityPreference(new RamModels.SetSecurityPreferenceRequest({ loginSessionDuration: 12, enableSaveMFATicket: true, loginNetworkMasks: '10.0.0.0/8;192.168.1.1' }));
    expect(res.body.securityPreference.loginProfilePreference).toEqual({ enableSaveMFATicket: true, loginSessionDuration: 12, loginNetworkMasks: '10.0.0.0/8;192.168.1.1', allowUserToChangePassword: true });
    await ram.setSecurityPreference(new RamModels.SetSecurityPreferenceRequest({ allowUserToManageAccessKeys: true }));
    const read = (await ram.getSecurityPreference()).body.securityPreference;
    expect(read.loginProfilePreference.loginSessionDuration).toBe(12);
    expect(read.accessKeyPreference.allowUserToManageAccessKeys).toBe(true);
  });

  it('refuses a LoginSessionDuration outside 1–24 hours', async () => {
    const err = await failure(ram.setSecurityPreference(new RamModels.SetSecurityPreferenceRequest({ loginSessionDuration: 25 })));
    expect(err.code).toBe('InvalidParameter.LoginSessionDuration.Range');
  });

  it('refuses a malformed network mask', async () => {
    const err = await failure(ram.setSecurityPreference(new RamModels.SetSecurityPreferenceRequest({ loginNetworkMasks: '10.0.0.0/33' })));
    expect(err.code).toBe('InvalidParameter.LoginNetworkMasks.Format');
  });
});
