import { accountOn, call } from '../ram/access-fixture.js';
import { StsModels, ramClient, stsClient, type ClientOptions, type Keys } from '../helpers/sdk.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * The product.md scenario, set up through the RAM SDK: account A owns role `arms-operator`, which
 * trusts account B and carries AliyunARMSReadOnlyAccess; B has a RAM user with an AccessKey and
 * AliyunSTSAssumeRoleAccess.
 */
export interface Scenario {
  a: { accountId: string; root: any };
  b: { accountId: string; root: any };
  /** B's RAM user's long-term AccessKey. */
  user: Keys;
  userName: string;
  roleName: string;
  roleArn: string;
}

export const trustPolicy = (principals: string[], condition?: object): string =>
  JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: principals }, ...(condition ? { Condition: condition } : {}) }] });

let counter = 0;

/** A fresh test server with the product scenario set up on it (one per test file, in beforeAll). */
export async function startScenario(): Promise<{ t: TestServer; s: Scenario }> {
  const t = await startTestServer();
  return { t, s: await createScenario(t) };
}

export async function createScenario(t: TestServer, options: { trust?: (b: string) => string; maxSessionDuration?: number } = {}): Promise<Scenario> {
  const a = await accountOn(t, 'sts-a');
  const b = await accountOn(t, 'sts-b');
  const roleName = 'arms-operator';
  await call(a.root, 'CreateRole', {
    roleName,
    assumeRolePolicyDocument: options.trust?.(b.accountId) ?? trustPolicy([`acs:ram::${b.accountId}:root`]),
    ...(options.maxSessionDuration ? { maxSessionDuration: options.maxSessionDuration } : {}),
  });
  await call(a.root, 'AttachPolicyToRole', { policyType: 'System', policyName: 'AliyunARMSReadOnlyAccess', roleName });
  const userName = `operator${++counter}`;
  const user = await userWithKey(b.root, userName);
  await call(b.root, 'AttachPolicyToUser', { policyType: 'System', policyName: 'AliyunSTSAssumeRoleAccess', userName });
  return { a: { accountId: a.accountId, root: a.root }, b: { accountId: b.accountId, root: b.root }, user, userName, roleName, roleArn: `acs:ram::${a.accountId}:role/${roleName}` };
}

/** Creates a RAM user with an AccessKey in the root client's account. */
export async function userWithKey(root: any, userName: string): Promise<Keys> {
  await call(root, 'CreateUser', { userName });
  const key = (await call(root, 'CreateAccessKey', { userName })).body.accessKey;
  return { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret };
}

export interface AssumeFields {
  roleArn: string;
  roleSessionName?: string;
  durationSeconds?: number;
  policy?: string;
  externalId?: string;
  sourceIdentity?: string;
}

/** AssumeRole through @alicloud/sts20150401 (V3 unless told otherwise); the response body. */
export async function assume(keys: Keys, t: TestServer, fields: AssumeFields, options: Partial<ClientOptions> = {}): Promise<any> {
  const client = stsClient(keys, { endpoint: t.endpoint, ...options });
  const res = await client.assumeRole(new StsModels.AssumeRoleRequest({ roleSessionName: 'alice', ...fields }));
  return res.body;
}

/** The temporary credentials of an AssumeRole response body, as SDK Keys. */
export const sessionKeys = (body: any): Keys => ({
  accessKeyId: body.credentials.accessKeyId,
  accessKeySecret: body.credentials.accessKeySecret,
  securityToken: body.credentials.securityToken,
});

export async function whoAmI(keys: Keys, t: TestServer, options: Partial<ClientOptions> = {}): Promise<any> {
  return (await stsClient(keys, { endpoint: t.endpoint, ...options }).getCallerIdentity()).body;
}

export const ramAs = (keys: Keys, t: TestServer): any => ramClient(keys, { endpoint: t.endpoint });

/** A server clock tests move by hand: pass `clock.now` to startTestServer, then set `offsetMs` or `frozenAt`. */
export function manualClock(): { now: () => number; offsetMs: number; frozenAt: number | undefined } {
  const clock = { offsetMs: 0, frozenAt: undefined as number | undefined, now: () => (clock.frozenAt ?? Date.now()) + clock.offsetMs };
  return clock;
}
