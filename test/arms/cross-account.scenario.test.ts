import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allow, call, policyDocument } from '../ram/access-fixture.js';
import type { Keys } from '../helpers/sdk.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { assume, sessionKeys, trustPolicy, userWithKey } from '../sts/fixture.js';
import { REGION, appNames, arms, armsAccount, armsPop, expectArmsError, traceApp, type ArmsAccount } from './fixture.js';

/**
 * The product scenario on ARMS (product.md): A's role trusts B; B's RAM user assumes it and operates A's
 * apps and contacts with the role's permissions only, which A changes under a live session.
 */

let t: TestServer;
let a: ArmsAccount;
let b: ArmsAccount;
let bUser: Keys;
let session: Keys;
let shopApi: Awaited<ReturnType<typeof traceApp>>;
let contactId: number;

async function roleInA(roleName: string): Promise<string> {
  await call(a.ram, 'CreateRole', { roleName, assumeRolePolicyDocument: trustPolicy([`acs:ram::${b.accountId}:root`]) });
  return `acs:ram::${a.accountId}:role/${roleName}`;
}

const attachToRole = (policyType: string, policyName: string, roleName = 'arms-operator') => call(a.ram, 'AttachPolicyToRole', { policyType, policyName, roleName });

beforeAll(async () => {
  t = await startTestServer();
  a = await armsAccount(t, 'arms-owner');
  b = await armsAccount(t, 'arms-partner');
  shopApi = await traceApp(t, a.accountId, 'prod-shop-api');
  await traceApp(t, a.accountId, 'dev-shop-web');
  await traceApp(t, b.accountId, 'b-internal');
  contactId = (await arms(t, a.keys, 'CreateOrUpdateContact', { ContactName: 'a-oncall', Email: 'oncall@a.example.com' })).AlertContact.ContactId;

  const roleArn = await roleInA('arms-operator');
  await attachToRole('System', 'AliyunARMSReadOnlyAccess');
  bUser = await userWithKey(b.ram, 'partner-ops');
  await call(b.ram, 'AttachPolicyToUser', { policyType: 'System', policyName: 'AliyunSTSAssumeRoleAccess', userName: 'partner-ops' });
  session = sessionKeys(await assume(bUser, t, { roleArn, roleSessionName: 'partner-ops' }));
});
afterAll(() => t.stop());

describe("B's user in A's role with AliyunARMSReadOnlyAccess", () => {
  it("lists A's apps, not B's", async () => {
    expect(appNames(await arms(t, session, 'ListTraceApps', { RegionId: REGION }))).toEqual(['dev-shop-web', 'prod-shop-api']);
  });

  it("gets A's app by Pid, with V1 signatures and through pop-core too", async () => {
    expect((await arms(t, session, 'GetTraceApp', { RegionId: REGION, Pid: shopApi.Pid }, { signatureAlgorithm: 'v2' })).TraceApp).toEqual(shopApi);
    expect((await armsPop(t, session, 'GetTraceApp', { RegionId: REGION, Pid: shopApi.Pid })).TraceApp.UserId).toBe(a.accountId);
  });

  it("reads A's contacts through both contact APIs", async () => {
    expect((await arms(t, session, 'DescribeContacts', { Page: '1', Size: '10' })).PageBean.AlertContacts.map((c: any) => c.ContactName)).toEqual(['a-oncall']);
    expect((await arms(t, session, 'SearchAlertContact', { RegionId: REGION })).PageBean.Contacts.map((c: any) => c.ContactId)).toEqual([contactId]);
  });

  it('is denied creating or deleting, as the assumed-role session of A, and nothing changes', async () => {
    const attempts: Array<[string, Record<string, string>, string]> = [
      ['CreateRetcodeApp', { RegionId: REGION, RetcodeAppName: 'partner-app', RetcodeAppType: 'web' }, 'arms:CreateRetcodeApp'],
      ['DeleteTraceApp', { RegionId: REGION, AppId: String(shopApi.AppId), Pid: shopApi.Pid, Type: 'TRACE' }, 'arms:DeleteTraceApp'],
      ['CreateOrUpdateContact', { ContactName: 'partner', Email: 'p@b.example.com' }, 'arms:CreateContact'],
      ['DeleteContact', { ContactId: String(contactId) }, 'arms:DeleteContact'],
    ];
    for (const [api, query, authAction] of attempts) {
      const err = await expectArmsError(arms(t, session, api, query), 'NoPermission', 403);
      expect(err.accessDeniedDetail).toMatchObject({ AuthAction: authAction, AuthPrincipalType: 'AssumedRoleUser', AuthPrincipalOwnerId: a.accountId, AuthPrincipalDisplayName: 'arms-operator:partner-ops' });
    }
    expect(appNames(await arms(t, a.keys, 'ListTraceApps', { RegionId: REGION }))).toEqual(['dev-shop-web', 'prod-shop-api']);
    expect((await arms(t, a.keys, 'DescribeContacts', { Page: '1', Size: '10' })).PageBean.Total).toBe(1);
  });
});

describe('after A swaps the role\'s policy for AliyunARMSFullAccess', () => {
  beforeAll(async () => {
    await call(a.ram, 'DetachPolicyFromRole', { policyType: 'System', policyName: 'AliyunARMSReadOnlyAccess', roleName: 'arms-operator' });
    await attachToRole('System', 'AliyunARMSFullAccess');
  });

  it('the same live session creates and deletes an app in A', async () => {
    const made = (await arms(t, session, 'CreateRetcodeApp', { RegionId: REGION, RetcodeAppName: 'partner-app', RetcodeAppType: 'web' })).RetcodeAppDataBean;
    expect((await arms(t, a.keys, 'GetTraceApp', { RegionId: REGION, Pid: made.Pid })).TraceApp.UserId).toBe(a.accountId);
    expect(await arms(t, session, 'DeleteTraceApp', { RegionId: REGION, AppId: String(made.AppId), Pid: made.Pid, Type: 'RETCODE' })).toMatchObject({ Success: true });
    await expectArmsError(arms(t, a.keys, 'GetTraceApp', { RegionId: REGION, Pid: made.Pid }), 'AppNotExist', 404);
  });

  it('the same live session creates and deletes contacts in A', async () => {
    const id = (await arms(t, session, 'CreateOrUpdateContact', { ContactName: 'partner', Email: 'p@b.example.com' })).AlertContact.ContactId;
    expect((await arms(t, a.keys, 'DescribeContacts', { Page: '1', Size: '10', ContactIds: String(id) })).PageBean.Total).toBe(1);
    expect(await arms(t, session, 'DeleteContact', { ContactId: String(id) })).toMatchObject({ IsSuccess: true });
    expect((await arms(t, a.keys, 'DescribeContacts', { Page: '1', Size: '10', ContactIds: String(id) })).PageBean.Total).toBe(0);
  });
});

describe("B's own account", () => {
  it("never sees A's apps or contacts", async () => {
    expect(appNames(await arms(t, b.keys, 'ListTraceApps', { RegionId: REGION }))).toEqual(['b-internal']);
    await expectArmsError(arms(t, b.keys, 'GetTraceApp', { RegionId: REGION, Pid: shopApi.Pid }), 'AppNotExist', 404);
    expect((await arms(t, b.keys, 'DescribeContacts', { Page: '1', Size: '10' })).PageBean.Total).toBe(0);
  });

  it("does not let B's user reach A's apps with its own AccessKey", async () => {
    await expectArmsError(arms(t, bUser, 'ListTraceApps', { RegionId: REGION }), 'NoPermission', 403);
  });
});

describe('a role in A with a custom policy on armsapp/prod-*', () => {
  let prodSession: Keys;
  beforeAll(async () => {
    const roleArn = await roleInA('prod-operator');
    await call(a.ram, 'CreatePolicy', { policyName: 'prod-apps', policyDocument: policyDocument(allow('arms:*', 'acs:arms:*:*:armsapp/prod-*')) });
    await attachToRole('Custom', 'prod-apps', 'prod-operator');
    prodSession = sessionKeys(await assume(bUser, t, { roleArn, roleSessionName: 'partner-ops' }));
  });

  it("lets B's user list and get exactly A's prod-* apps", async () => {
    expect(appNames(await arms(t, prodSession, 'ListTraceApps', { RegionId: REGION }))).toEqual(['prod-shop-api']);
    expect((await arms(t, prodSession, 'GetTraceApp', { RegionId: REGION, Pid: shopApi.Pid })).TraceApp.AppName).toBe('prod-shop-api');
  });

  it('denies the other apps', async () => {
    const dev = (await arms(t, a.keys, 'SearchTraceAppByName', { RegionId: REGION, TraceAppName: 'dev-' })).TraceApps[0];
    const err = await expectArmsError(arms(t, prodSession, 'GetTraceApp', { RegionId: REGION, Pid: dev.Pid }), 'NoPermission', 403);
    expect(err.data.Message).toBe(`You are not authorized to do this action. Resource: acs:arms:${REGION}:${a.accountId}:armsapp/dev-shop-web Action: arms:GetTraceApp`);
  });
});
