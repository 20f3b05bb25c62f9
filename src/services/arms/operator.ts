import { ApiError } from '../../errors/api-error.js';
import type { Store } from '../../store/store.js';
import { isRegionId } from './common.js';
import { isText } from './params.js';
import { APP_NAME_CHARS, insertApp, traceAppView, type AppType } from './trace-app-store.js';

/**
 * The operator's way to create a trace app (`ramstack arms create-app`): on the real service an app
 * appears when an agent first reports, which ramstack has no agents for. It writes the same rows as the
 * API, straight into the store, so it works while the server runs.
 */

export class ArmsInputError extends Error {}

export interface OperatorApp {
  accountId: string;
  regionId: string;
  appName: string;
  type: AppType;
  labels: string[];
}

export async function createTraceAppAsOperator(store: Store, input: OperatorApp, now = Date.now()): Promise<ReturnType<typeof traceAppView>> {
  if (!isRegionId(input.regionId)) throw new ArmsInputError(`"${input.regionId}" is not a region ID (e.g. cn-hangzhou)`);
  if (input.appName === '' || !isText(input.appName, APP_NAME_CHARS)) throw new ArmsInputError(`the app name must be 1-${APP_NAME_CHARS} characters without control characters`);
  const account = await store.db.selectFrom('accounts').select('account_id').where('account_id', '=', input.accountId).executeTakeFirst();
  if (!account) throw new ArmsInputError(`no account ${input.accountId}`);
  try {
    const row = await store.transaction((trx) => insertApp(trx, { ...input, tags: [], now }, 'name'));
    return traceAppView(row);
  } catch (err) {
    // The one input error the store finds: the name is taken in that region.
    if (err instanceof ApiError) throw new ArmsInputError(`an app named "${input.appName}" already exists in ${input.regionId}`);
    throw err;
  }
}
