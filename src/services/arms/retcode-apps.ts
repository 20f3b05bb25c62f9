import type { ParamSpec } from '../action.js';
import { appArn, armsAction, regionOf } from './common.js';
import { requiredOneOf, requiredParam, requiredText, tagList } from './params.js';
import { APP_NAME_CHARS, insertApp } from './trace-app-store.js';

/**
 * CreateRetcodeApp (ARMS 2019-08-08, browser and mini-program monitoring): the API way to create an
 * application; trace apps otherwise appear when an agent first reports, which the operator command
 * `ramstack arms create-app` stands in for. Request and response follow the published API (not in
 * api-facts; docs/arms.md): RegionId, RetcodeAppName, RetcodeAppType required, optional ResourceGroupId
 * and Tags.N.Key/Value; the answer is `RetcodeAppDataBean {AppId, Pid, Tags {TagsItem[]}}`.
 */

const RETCODE_APP_TYPES = ['web', 'weex', 'mini_dd', 'mini_alipay', 'mini_wx', 'mini_common'] as const;

const text: ParamSpec = { type: 'string' };

export const createRetcodeApp = armsAction({
  name: 'CreateRetcodeApp',
  access: 'write',
  // ResourceGroupId is accepted and not kept: ramstack has no resource groups.
  params: { RegionId: text, RetcodeAppName: text, RetcodeAppType: text, ResourceGroupId: text, Tags: { type: 'list' } },
  // The new app's name is its resource: a policy on `armsapp/prod-*` lets its holder create exactly those.
  resources: (p, caller) => [appArn(regionOf(p, true), caller.accountId, requiredParam(p, 'RetcodeAppName'))],
  async handler(ctx) {
    const appName = requiredText(ctx.params, 'RetcodeAppName', APP_NAME_CHARS);
    // The browser/mini-program kind is checked, not stored: no stored-app API returns it.
    requiredOneOf(ctx.params, 'RetcodeAppType', RETCODE_APP_TYPES);
    const tags = tagList(ctx.params);
    const app = await ctx.transaction((trx) =>
      insertApp(trx, { accountId: ctx.caller.accountId, regionId: regionOf(ctx.params, true), appName, type: 'RETCODE', labels: [], tags, now: ctx.request.now }, 'RetcodeAppName'),
    );
    return { RetcodeAppDataBean: { AppId: app.app_id, Pid: app.pid, Tags: { TagsItem: tags } } };
  },
});
