import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allow, call, grant, policyDocument } from '../ram/access-fixture.js';
import type { Keys } from '../helpers/sdk.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { userWithKey } from '../sts/fixture.js';
import { REGION, appNames, arms, armsAccount, armsPop, expectArmsError, traceApp, type ArmsAccount } from './fixture.js';

/**
 * RAM users of one account against ARMS: the system policies, a custom app-scoped policy, and the RAM
 * action names of api-facts §6.2 (DescribeContacts → arms:SearchContact, CreateOrUpdateContact →
 * arms:CreateContact).
 */

let t: TestServer;
let a: ArmsAccount;
let users: Record<'reader' | 'writer' | 'prodOnly' | 'nobody' | 'accountReader' | 'anyApp', Keys>;
let prodApi: Awaited<ReturnType<typeof traceApp>>;
let devApi: Awaited<ReturnType<typeof traceApp>>;

const systemUser = async (userName: string, policyName?: string): Promise<Keys> => {
  const keys = await userWithKey(a.ram, userName);
  if (policyName) await call(a.ram, 'AttachPolicyToUser', { policyType: 'System', policyName, userName });
  return keys;
};

const customUser = async (userName: string, document: string): Promise<Keys> => {
  const keys = await userWithKey(a.ram, userName);
  await grant({ root: a.ram }, userName, `${userName}-policy`, document);
  return keys;
};

beforeAll(async () => {
  t = await startTestServer();
  a = await armsAccount(t, 'arms-authz');
  prodApi = await traceApp(t, a.accountId, 'prod-api');
  await traceApp(t, a.accountId, 'prod-web');
  devApi = await traceApp(t, a.accountId, 'dev-api');
  users = {
    reader: await systemUser('reader', 'AliyunARMSReadOnlyAccess'),
    writer: await systemUser('writer', 'AliyunARMSFullAccess'),
    nobody: await systemUser('nobody'),
    accountReader: await systemUser('account-reader', 'ReadOnlyAccess'),
    prodOnly: await customUser('prod-only', policyDocument(allow('arms:*', 'acs:arms:*:*:armsapp/prod-*'))),
    anyApp: await customUser('any-app', policyDocument(allow('arms:GetTraceApp', `acs:arms:${REGION}:${a.accountId}:armsapp/*`))),
  };
});
afterAll(() => t.stop());

const contactCount = async () => (await arms(t, a.keys, 'DescribeContacts', { Page: '1', Size: '100' })).PageBean.Total;

/** A denial as the gateway answers it: NoPermission, 403, AccessDeniedDetail naming the §6.2 action. */
async function expectDenied(promise: Promise<unknown>, authAction: string, resource: string): Promise<void> {
  const err = await expectArmsError(promise, 'NoPermission', 403);
  expect(err.accessDeniedDetail).toMatchObject({ AuthAction: authAction, AuthPrincipalType: 'SubUser', AuthPrincipalOwnerId: a.accountId, NoPermissionType: 'ImplicitDeny', PolicyType: expect.any(String) });
  expect(err.data.Message).toBe(`You are not authorized to do this action. Resource: ${resource} Action: ${authAction}`);
}

const scope = () => `acs:arms:${REGION}:${a.accountId}:*`;
const appResource = (name: string) => `acs:arms:${REGION}:${a.accountId}:armsapp/${name}`;

const READS: Array<[string, () => Record<string, string>]> = [
  ['ListTraceApps', () => ({ RegionId: REGION })],
  ['SearchTraceAppByName', () => ({ RegionId: REGION, TraceAppName: 'api' })],
  ['GetTraceApp', () => ({ RegionId: REGION, Pid: prodApi.Pid })],
  ['DescribeContacts', () => ({ Page: '1', Size: '10' })],
  ['SearchAlertContact', () => ({ RegionId: REGION })],
];

/** Each write with the RAM action and resource a denial names, and how to see that nothing changed. */
const WRITES: Array<{ api: string; authAction: string; query: () => Promise<Record<string, string>>; resource: () => string; unchanged: () => Promise<void> }> = [
  {
    api: 'DeleteTraceApp',
    authAction: 'arms:DeleteTraceApp',
    query: async () => ({ RegionId: REGION, AppId: String(devApi.AppId), Pid: devApi.Pid, Type: 'TRACE' }),
    resource: () => appResource('dev-api'),
    unchanged: async () => expect((await arms(t, a.keys, 'GetTraceApp', { RegionId: REGION, Pid: devApi.Pid })).TraceApp.AppName).toBe('dev-api'),
  },
  {
    api: 'CreateRetcodeApp',
    authAction: 'arms:CreateRetcodeApp',
    query: async () => ({ RegionId: REGION, RetcodeAppName: 'denied-app', RetcodeAppType: 'web' }),
    resource: () => appResource('denied-app'),
    unchanged: async () => expect(appNames(await arms(t, a.keys, 'ListTraceApps', { RegionId: REGION }))).not.toContain('denied-app'),
  },
  ...(['CreateOrUpdateContact', 'CreateAlertContact'] as const).map((api) => ({
    api,
    authAction: api === 'CreateOrUpdateContact' ? 'arms:CreateContact' : 'arms:CreateAlertContact',
    query: async () => ({ RegionId: REGION, ContactName: 'denied', Email: 'denied@example.com' }),
    resource: scope,
    unchanged: async () => expect(await contactCount()).toBe(1),
  })),
  ...(['DeleteContact', 'DeleteAlertContact'] as const).map((api) => ({
    api,
    authAction: `arms:${api}`,
    query: async () => ({ RegionId: REGION, ContactId: String((await arms(t, a.keys, 'DescribeContacts', { Page: '1', Size: '1' })).PageBean.AlertContacts[0].ContactId) }),
    resource: scope,
    unchanged: async () => expect(await contactCount()).toBe(1),
  })),
];

describe('AliyunARMSReadOnlyAccess', () => {
  beforeAll(async () => {
    await arms(t, a.keys, 'CreateOrUpdateContact', { ContactName: 'on-call', Email: 'oncall@example.com' });
  });

  it.each(READS)('allows %s', async (api, query) => {
    await expect(arms(t, users.reader, api, query())).resolves.toHaveProperty('RequestId');
  });

  it.each(WRITES)('denies $api with NoPermission naming $authAction, and nothing changes', async ({ api, authAction, query, resource, unchanged }) => {
    await expectDenied(arms(t, users.reader, api, await query()), authAction, resource());
    await unchanged();
  });

  it('carries AccessDeniedDetail to pop-core callers too', async () => {
    const err = await expectArmsError(armsPop(t, users.reader, 'DeleteContact', { ContactId: '1' }), 'NoPermission', 403);
    expect(err.data.AccessDeniedDetail).toMatchObject({ AuthAction: 'arms:DeleteContact', AuthPrincipalType: 'SubUser' });
  });
});

describe('AliyunARMSFullAccess', () => {
  it('allows creating and deleting apps and contacts through both contact APIs', async () => {
    const created = (await arms(t, users.writer, 'CreateRetcodeApp', { RegionId: REGION, RetcodeAppName: 'writer-app', RetcodeAppType: 'web' })).RetcodeAppDataBean;
    await arms(t, users.writer, 'DeleteTraceApp', { RegionId: REGION, AppId: String(created.AppId), Pid: created.Pid, Type: 'RETCODE' });
    const id = (await arms(t, users.writer, 'CreateOrUpdateContact', { ContactName: 'w', Email: 'w@example.com' })).AlertContact.ContactId;
    expect(await arms(t, users.writer, 'DeleteContact', { ContactId: String(id) })).toMatchObject({ IsSuccess: true });
    const legacy = (await arms(t, users.writer, 'CreateAlertContact', { RegionId: REGION, ContactName: 'wl', Email: 'wl@example.com' })).ContactId;
    expect(await arms(t, users.writer, 'DeleteAlertContact', { RegionId: REGION, ContactId: legacy })).toMatchObject({ IsSuccess: true });
  });

  it('lets its holder learn that an app does not exist (AppNotExist)', async () => {
    await expectArmsError(arms(t, users.writer, 'GetTraceApp', { RegionId: REGION, Pid: 'nosuchapp0@000000000000000' }), 'AppNotExist', 404);
  });
});

describe('a user without ARMS permissions', () => {
  it('is denied listing apps (NoPermission on armsapp/*), not shown an empty list', async () => {
    await expectDenied(arms(t, users.nobody, 'ListTraceApps', { RegionId: REGION }), 'arms:ListTraceApps', appResource('*'));
  });

  it('is denied DescribeContacts under its RAM action arms:SearchContact', async () => {
    await expectDenied(arms(t, users.nobody, 'DescribeContacts', { Page: '1', Size: '10' }), 'arms:SearchContact', scope());
  });
});

describe('ReadOnlyAccess (account-wide, no *:Search*)', () => {
  it('allows ListTraceApps but denies DescribeContacts, whose RAM action is arms:SearchContact', async () => {
    await arms(t, users.accountReader, 'ListTraceApps', { RegionId: REGION });
    await expectDenied(arms(t, users.accountReader, 'DescribeContacts', { Page: '1', Size: '10' }), 'arms:SearchContact', scope());
  });
});

describe('a custom policy on armsapp/prod-*', () => {
  it('lists and searches exactly the prod-* apps', async () => {
    expect(appNames(await arms(t, users.prodOnly, 'ListTraceApps', { RegionId: REGION }))).toEqual(['prod-api', 'prod-web']);
    expect(appNames(await arms(t, users.prodOnly, 'SearchTraceAppByName', { RegionId: REGION, TraceAppName: 'api' }))).toEqual(['prod-api']);
  });

  it('gets a prod-* app and is denied another', async () => {
    expect((await arms(t, users.prodOnly, 'GetTraceApp', { RegionId: REGION, Pid: prodApi.Pid })).TraceApp.AppName).toBe('prod-api');
    await expectDenied(arms(t, users.prodOnly, 'GetTraceApp', { RegionId: REGION, Pid: devApi.Pid }), 'arms:GetTraceApp', appResource('dev-api'));
  });

  it('creates and deletes prod-* apps only', async () => {
    const made = (await arms(t, users.prodOnly, 'CreateRetcodeApp', { RegionId: REGION, RetcodeAppName: 'prod-new', RetcodeAppType: 'web' })).RetcodeAppDataBean;
    await arms(t, users.prodOnly, 'DeleteTraceApp', { RegionId: REGION, AppId: String(made.AppId), Pid: made.Pid, Type: 'RETCODE' });
    await expectDenied(arms(t, users.prodOnly, 'CreateRetcodeApp', { RegionId: REGION, RetcodeAppName: 'dev-new', RetcodeAppType: 'web' }), 'arms:CreateRetcodeApp', appResource('dev-new'));
    await expectDenied(arms(t, users.prodOnly, 'DeleteTraceApp', { RegionId: REGION, AppId: String(devApi.AppId), Pid: devApi.Pid, Type: 'TRACE' }), 'arms:DeleteTraceApp', appResource('dev-api'));
  });

  it('does not reach contacts, which are not app resources', async () => {
    await expectDenied(arms(t, users.prodOnly, 'DescribeContacts', { Page: '1', Size: '10' }), 'arms:SearchContact', scope());
  });

  it('answers NoPermission, not AppNotExist, for an unknown Pid: its holder cannot probe for apps it may not see', async () => {
    await expectDenied(arms(t, users.prodOnly, 'GetTraceApp', { RegionId: REGION, Pid: 'nosuchapp0@000000000000000' }), 'arms:GetTraceApp', appResource('*'));
  });

  it('is told AppNotExist for an unknown Pid when allowed on every app of the region (armsapp/*)', async () => {
    await expectArmsError(arms(t, users.anyApp, 'GetTraceApp', { RegionId: REGION, Pid: 'nosuchapp0@000000000000000' }), 'AppNotExist', 404);
  });
});
