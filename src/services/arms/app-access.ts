import { ApiError } from '../../errors/api-error.js';
import type { ActionContext, ActionDef } from '../action.js';
import { ARMS_VERSION, appArn, type ArmsActionFields } from './common.js';
import type { TraceAppRow } from './trace-app-store.js';

/**
 * Authorization of actions on stored applications. Their resource, `armsapp/<appName>`, is known only
 * once the app is read, so these actions authorize in the handler (after their input checks), with
 * the gateway's authorizer: denials are the same NoPermission with AccessDeniedDetail.
 */
export interface AppAccess {
  /**
   * Throws NoPermission unless the caller may act on the app. For an app that does not exist it asks
   * for every app of the region (`armsapp/*`): only a caller who may act on any app learns that an app
   * does not exist; the others cannot probe for names or Pids they may not see.
   */
  authorize(regionId: string, app: TraceAppRow | undefined): Promise<void>;
  /**
   * The apps the caller may act on, as ARMS' app-level permissions show a RAM user only its apps.
   * NoPermission when that is none of them and the caller may not act on every app of the region (a
   * caller without the action at all is denied, not shown an empty list).
   */
  visible(regionId: string, apps: TraceAppRow[]): Promise<TraceAppRow[]>;
}

type AppActionFields<S> = Omit<ArmsActionFields<S>, 'resources' | 'handler'> & {
  handler(ctx: ActionContext<S>, access: AppAccess): Promise<Record<string, unknown>>;
};

/** An ARMS action on stored applications (RAM action `arms:<Api>` unless named otherwise). */
export function appAction<S = unknown>(fields: AppActionFields<S>): ActionDef<S> {
  const ramAction = fields.ramAction ?? `arms:${fields.name}`;
  const { handler, ...rest } = fields;
  return {
    product: 'ARMS',
    version: ARMS_VERSION,
    authorization: 'handler',
    resources: () => [],
    ...rest,
    ramAction,
    handler: (ctx) => handler(ctx, appAccess(ctx, ramAction)),
  };
}

function appAccess(ctx: ActionContext<unknown>, ramAction: string): AppAccess {
  const arn = (regionId: string, appName: string) => appArn(regionId, ctx.caller.accountId, appName);
  const allowed = async (resource: string): Promise<boolean> => {
    try {
      await ctx.authorizeAlso(ramAction, [resource]);
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NoPermission') return false;
      throw err;
    }
  };
  return {
    authorize: (regionId, app) => ctx.authorizeAlso(ramAction, [arn(regionId, app?.app_name ?? '*')]),
    async visible(regionId, apps) {
      const visible: TraceAppRow[] = [];
      for (const app of apps) if (await allowed(arn(regionId, app.app_name))) visible.push(app);
      if (visible.length === 0) await ctx.authorizeAlso(ramAction, [arn(regionId, '*')]);
      return visible;
    },
  };
}
