import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { REGION, appNames, arms, armsAccount, armsPop, expectArmsError, traceApp, type ArmsAccount } from './fixture.js';

let t: TestServer;
let a: ArmsAccount;
let b: ArmsAccount;
beforeAll(async () => {
  t = await startTestServer();
  a = await armsAccount(t, 'apps-a');
  b = await armsAccount(t, 'apps-b');
});
afterAll(() => t.stop());

const PID = /^[a-z0-9]{10}@[0-9a-f]{15}$/;
const get = (pid: string, account = a) => arms(t, account.keys, 'GetTraceApp', { RegionId: REGION, Pid: pid });

describe('CreateRetcodeApp', () => {
  it('creates a RETCODE app that GetTraceApp returns with epoch-millisecond times and its tags', async () => {
    const before = Date.now();
    const body = await arms(t, a.keys, 'CreateRetcodeApp', { RegionId: REGION, RetcodeAppName: 'web-shop', RetcodeAppType: 'web', 'Tags.1.Key': 'env', 'Tags.1.Value': 'prod' });
    expect(body.RetcodeAppDataBean).toEqual({ AppId: expect.any(Number), Pid: expect.stringMatching(PID), Tags: { TagsItem: [{ Key: 'env', Value: 'prod' }] } });
    const app = (await get(body.RetcodeAppDataBean.Pid)).TraceApp;
    expect(app).toMatchObject({ AppId: body.RetcodeAppDataBean.AppId, AppName: 'web-shop', Type: 'RETCODE', RegionId: REGION, UserId: a.accountId, Labels: [], Tags: [{ Key: 'env', Value: 'prod' }] });
    expect(app.CreateTime).toBeGreaterThanOrEqual(before);
    expect(app.UpdateTime).toBe(app.CreateTime);
  });

  it('takes a tag list through pop-core, which flattens it to Tags.N.Key', async () => {
    const body = await armsPop(t, a.keys, 'CreateRetcodeApp', { RegionId: REGION, RetcodeAppName: 'mini-pop', RetcodeAppType: 'mini_wx', Tags: [{ Key: 'team', Value: 'blue' }, { Key: 'tier', Value: '1' }] });
    expect(body.RetcodeAppDataBean.Tags.TagsItem).toEqual([{ Key: 'team', Value: 'blue' }, { Key: 'tier', Value: '1' }]);
  });

  it.each(['RegionId', 'RetcodeAppName', 'RetcodeAppType'])('answers ParameterMissing without %s and creates nothing', async (missing) => {
    const query: Record<string, string> = { RegionId: REGION, RetcodeAppName: `missing-${missing}`, RetcodeAppType: 'web' };
    delete query[missing];
    const err = await expectArmsError(arms(t, a.keys, 'CreateRetcodeApp', query), 'ParameterMissing', 400);
    expect(err.message).toContain(missing);
    expect(appNames(await arms(t, a.keys, 'SearchTraceAppByName', { RegionId: REGION }))).not.toContain(`missing-${missing}`);
  });

  it('answers ParameterIllegal for an unknown RetcodeAppType', async () => {
    await expectArmsError(arms(t, a.keys, 'CreateRetcodeApp', { RegionId: REGION, RetcodeAppName: 'odd', RetcodeAppType: 'desktop' }), 'ParameterIllegal', 400);
  });

  it('refuses a name already used in the region (ParameterIllegal) and accepts it in another region', async () => {
    const create = (region: string) => arms(t, a.keys, 'CreateRetcodeApp', { RegionId: region, RetcodeAppName: 'twice', RetcodeAppType: 'web' });
    await create(REGION);
    await expectArmsError(create(REGION), 'ParameterIllegal', 400);
    await create('cn-shanghai');
    expect(appNames(await arms(t, a.keys, 'SearchTraceAppByName', { RegionId: REGION, TraceAppName: 'twice' }))).toEqual(['twice']);
  });
});

describe('ListTraceApps', () => {
  let listed: any;
  beforeAll(async () => {
    await traceApp(t, a.accountId, 'list-trace');
    await traceApp(t, a.accountId, 'list-ebpf', { type: 'EBPF' });
    await traceApp(t, a.accountId, 'list-elsewhere', { region: 'ap-southeast-1' });
    await traceApp(t, b.accountId, 'list-of-b');
    listed = await arms(t, a.keys, 'ListTraceApps', { RegionId: REGION });
  });

  it("answers with ARMS' Code, Success and Message and the app fields of §6.1", async () => {
    expect(listed).toMatchObject({ Code: 200, Success: true, Message: expect.any(String), RequestId: expect.any(String) });
    expect(listed.TraceApps.find((app: any) => app.AppName === 'list-trace')).toEqual({
      AppId: expect.any(Number),
      Pid: expect.stringMatching(PID),
      AppName: 'list-trace',
      Type: 'TRACE',
      RegionId: REGION,
      UserId: a.accountId,
      CreateTime: expect.any(Number),
      UpdateTime: expect.any(Number),
      Show: true,
      Labels: [],
      Tags: [],
    });
  });

  it("lists the calling account's apps of the requested region only", () => {
    const names = appNames(listed);
    expect(names).toEqual(expect.arrayContaining(['list-trace', 'list-ebpf']));
    expect(names).not.toContain('list-elsewhere');
    expect(names).not.toContain('list-of-b');
  });

  it("shows another account's root only that account's apps", async () => {
    expect(appNames(await arms(t, b.keys, 'ListTraceApps', { RegionId: REGION }))).toEqual(['list-of-b']);
  });

  it('filters by AppType', async () => {
    const ebpf = await arms(t, a.keys, 'ListTraceApps', { RegionId: REGION, AppType: 'EBPF' });
    expect(appNames(ebpf)).toEqual(['list-ebpf']);
  });

  it('filters by tags, every tag required', async () => {
    await arms(t, a.keys, 'CreateRetcodeApp', { RegionId: REGION, RetcodeAppName: 'tagged-both', RetcodeAppType: 'web', 'Tags.1.Key': 'k', 'Tags.1.Value': '1', 'Tags.2.Key': 'j', 'Tags.2.Value': '2' });
    await arms(t, a.keys, 'CreateRetcodeApp', { RegionId: REGION, RetcodeAppName: 'tagged-one', RetcodeAppType: 'web', 'Tags.1.Key': 'k', 'Tags.1.Value': '1' });
    const both = await arms(t, a.keys, 'ListTraceApps', { RegionId: REGION, 'Tags.1.Key': 'k', 'Tags.1.Value': '1', 'Tags.2.Key': 'j', 'Tags.2.Value': '2' });
    expect(appNames(both)).toEqual(['tagged-both']);
  });

  it('works through pop-core', async () => {
    expect(appNames(await armsPop(t, b.keys, 'ListTraceApps', { RegionId: REGION }))).toEqual(['list-of-b']);
  });

  it('answers ParameterMissing without RegionId and ParameterIllegal for an AppType it does not list', async () => {
    await expectArmsError(arms(t, a.keys, 'ListTraceApps'), 'ParameterMissing', 400);
    await expectArmsError(arms(t, a.keys, 'ListTraceApps', { RegionId: REGION, AppType: 'RETCODE' }), 'ParameterIllegal', 400);
  });
});

describe('SearchTraceAppByName', () => {
  beforeAll(async () => {
    await traceApp(t, a.accountId, 'search-cart');
    await traceApp(t, a.accountId, 'search-checkout');
    await traceApp(t, a.accountId, 'other-cart');
  });

  it('finds the apps whose name contains TraceAppName, without Code/Success (as published)', async () => {
    const body = await arms(t, a.keys, 'SearchTraceAppByName', { RegionId: REGION, TraceAppName: 'cart' });
    expect(appNames(body)).toEqual(['other-cart', 'search-cart']);
    expect(body.Code).toBeUndefined();
  });

  it('lists every app of the region without TraceAppName, in the default region without RegionId', async () => {
    const names = appNames(await arms(t, a.keys, 'SearchTraceAppByName'));
    expect(names).toEqual(expect.arrayContaining(['search-cart', 'search-checkout', 'other-cart']));
  });
});

describe('GetTraceApp', () => {
  it('returns the app by Pid, through pop-core too', async () => {
    const app = await traceApp(t, a.accountId, 'get-me');
    const body = await armsPop(t, a.keys, 'GetTraceApp', { RegionId: REGION, Pid: app.Pid });
    expect(body.TraceApp).toEqual(app);
  });

  it('answers AppNotExist (404) for an unknown Pid, and for a Pid of another account', async () => {
    await expectArmsError(get('nosuchapp0@000000000000000'), 'AppNotExist', 404);
    const theirs = await traceApp(t, b.accountId, 'b-secret');
    await expectArmsError(get(theirs.Pid, a), 'AppNotExist', 404);
  });

  it('answers AppNotExist for a Pid of the same account in another region', async () => {
    const app = await traceApp(t, a.accountId, 'get-far', { region: 'eu-central-1' });
    await expectArmsError(get(app.Pid), 'AppNotExist', 404);
  });

  it('answers ParameterMissing without Pid (ARMS code, not the gateway\'s MissingParameter)', async () => {
    await expectArmsError(arms(t, a.keys, 'GetTraceApp', { RegionId: REGION }), 'ParameterMissing', 400);
  });

  it('answers ParameterIllegal for a RegionId that is not a region', async () => {
    await expectArmsError(arms(t, a.keys, 'GetTraceApp', { RegionId: 'x:y', Pid: 'p' }), 'ParameterIllegal', 400);
  });
});

describe('DeleteTraceApp', () => {
  const del = (app: { AppId: number; Pid: string; Type: string }, overrides: Record<string, string> = {}) =>
    arms(t, a.keys, 'DeleteTraceApp', { RegionId: REGION, AppId: String(app.AppId), Pid: app.Pid, Type: app.Type, ...overrides });

  it("deletes the app, answering ARMS' Code, Success and Data", async () => {
    const app = await traceApp(t, a.accountId, 'delete-me');
    expect(await del(app, { 'DeleteReason.Remark': 'done' })).toMatchObject({ Code: 200, Success: true, Data: 'true' });
    await expectArmsError(get(app.Pid), 'AppNotExist', 404);
  });

  it('answers AppNotExist when AppId does not belong to the Pid, and keeps the app', async () => {
    const app = await traceApp(t, a.accountId, 'delete-mismatch');
    await expectArmsError(del(app, { AppId: String(app.AppId + 1000) }), 'AppNotExist', 404);
    expect((await get(app.Pid)).TraceApp.AppName).toBe('delete-mismatch');
  });

  it('answers AppNotExist when Type is not the app\'s type, and keeps the app', async () => {
    const app = await traceApp(t, a.accountId, 'delete-wrong-type');
    await expectArmsError(del(app, { Type: 'RETCODE' }), 'AppNotExist', 404);
    expect((await get(app.Pid)).TraceApp.AppName).toBe('delete-wrong-type');
  });

  it('answers ParameterIllegal for a non-numeric AppId and ParameterMissing without Type', async () => {
    const app = await traceApp(t, a.accountId, 'delete-bad-input');
    await expectArmsError(del(app, { AppId: 'twelve' }), 'ParameterIllegal', 400);
    await expectArmsError(arms(t, a.keys, 'DeleteTraceApp', { RegionId: REGION, AppId: String(app.AppId), Pid: app.Pid }), 'ParameterMissing', 400);
    expect((await get(app.Pid)).TraceApp.AppName).toBe('delete-bad-input');
  });

  it("cannot delete another account's app", async () => {
    const theirs = await traceApp(t, b.accountId, 'b-keeps');
    await expectArmsError(del(theirs), 'AppNotExist', 404);
    expect((await get(theirs.Pid, b)).TraceApp.AppName).toBe('b-keeps');
  });
});
