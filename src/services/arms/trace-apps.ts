import { apiError } from '../../errors/catalogue.js';
import type { ActionDef, ParamSpec } from '../action.js';
import { appAction } from './app-access.js';
import { ARMS_OK, regionOf } from './common.js';
import { oneOf, optionalText, requiredInteger, requiredOneOf, requiredParam, tagList, type Tag } from './params.js';
import { APP_NAME_CHARS, APP_TYPES, appTags, deleteApp, findAppByPid, listApps, traceAppView, type TraceAppRow } from './trace-app-store.js';

/** Trace applications: list, search, get, delete (api-facts §6.1). Apps are created by CreateRetcodeApp or the operator command. */

const text: ParamSpec = { type: 'string' };

/** True when the app carries every requested tag (ARMS' tag filter is a conjunction). */
const hasTags = (app: TraceAppRow, wanted: Tag[]): boolean => {
  const tags = appTags(app);
  return wanted.every((w) => tags.some((t) => t.Key === w.Key && t.Value === w.Value));
};

const listTraceApps = appAction({
  name: 'ListTraceApps',
  access: 'read',
  // ResourceGroupId and Region are accepted and not applied: ramstack keeps no resource groups, and the
  // region is RegionId.
  params: { RegionId: text, AppType: text, ResourceGroupId: text, Region: text, Tags: { type: 'list' } },
  async handler(ctx, access) {
    const region = regionOf(ctx.params, true);
    const type = oneOf(ctx.params, 'AppType', ['TRACE', 'EBPF']);
    const tags = tagList(ctx.params);
    const apps = await access.visible(region, await listApps(ctx.store.db, ctx.caller.accountId, region));
    const listed = apps.filter((app) => (type === undefined || app.app_type === type) && hasTags(app, tags));
    return { ...ARMS_OK, TraceApps: listed.map(traceAppView) };
  },
});

const searchTraceAppByName = appAction({
  name: 'SearchTraceAppByName',
  access: 'read',
  params: { RegionId: text, TraceAppName: text, Tags: { type: 'list' } },
  async handler(ctx, access) {
    const region = regionOf(ctx.params);
    // A substring of the name, as the console's search box finds apps; no name lists every app.
    const name = optionalText(ctx.params, 'TraceAppName', APP_NAME_CHARS);
    const tags = tagList(ctx.params);
    const apps = await access.visible(region, await listApps(ctx.store.db, ctx.caller.accountId, region));
    const found = apps.filter((app) => (name === undefined || app.app_name.includes(name)) && hasTags(app, tags));
    return { TraceApps: found.map(traceAppView) };
  },
});

const getTraceApp = appAction({
  name: 'GetTraceApp',
  access: 'read',
  params: { RegionId: text, Pid: text },
  async handler(ctx, access) {
    const region = regionOf(ctx.params, true);
    const app = await findAppByPid(ctx.store.db, ctx.caller.accountId, region, requiredParam(ctx.params, 'Pid'));
    await access.authorize(region, app);
    if (!app) throw apiError('AppNotExist');
    return { TraceApp: traceAppView(app) };
  },
});

const deleteTraceApp = appAction({
  name: 'DeleteTraceApp',
  access: 'write',
  // DeleteReason (why the user deletes the app, for ARMS' product feedback) is accepted and not kept.
  params: { RegionId: text, AppId: text, Pid: text, Type: text, DeleteReason: { type: 'json' } },
  async handler(ctx, access) {
    const region = regionOf(ctx.params, true);
    const appId = requiredInteger(ctx.params, 'AppId');
    const pid = requiredParam(ctx.params, 'Pid');
    const type = requiredOneOf(ctx.params, 'Type', APP_TYPES);
    const app = await findAppByPid(ctx.store.db, ctx.caller.accountId, region, pid);
    // Authorized outside the transaction: the authorizer may read policies, and SQLite has one connection.
    await access.authorize(region, app);
    // AppId, Pid and Type must name the same app: a mismatch would delete something the caller did not mean.
    if (!app || app.app_id !== appId || app.app_type !== type) throw apiError('AppNotExist');
    await ctx.transaction(async (trx) => {
      if (!(await deleteApp(trx, app))) throw apiError('AppNotExist');
    });
    return { ...ARMS_OK, Data: 'true' };
  },
});

export const traceAppActions: ActionDef<any>[] = [listTraceApps, searchTraceAppByName, getTraceApp, deleteTraceApp];
