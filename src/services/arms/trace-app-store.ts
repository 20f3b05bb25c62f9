import type { Kysely, Selectable, Transaction } from 'kysely';
import { apiError } from '../../errors/catalogue.js';
import type { ArmsTraceAppsTable } from '../../store/schema.js';
import type { Database } from '../../store/store.js';
import { newPid, nextId } from './ids.js';
import type { Tag } from './params.js';

/**
 * Stored trace applications, per account and region. An app's name is unique in its account and
 * region: it is what `armsapp/<appName>` policies name, so two apps sharing it could not be told apart.
 */

export type TraceAppRow = Selectable<ArmsTraceAppsTable>;
type Db = Kysely<Database> | Transaction<Database>;

export const APP_TYPES = ['TRACE', 'RETCODE', 'EBPF'] as const;
export type AppType = (typeof APP_TYPES)[number];

/** Length limit of an application name (not published; docs/arms.md). */
export const APP_NAME_CHARS = 128;

export function listApps(db: Db, accountId: string, regionId: string): Promise<TraceAppRow[]> {
  return db.selectFrom('arms_trace_apps').selectAll().where('account_id', '=', accountId).where('region_id', '=', regionId).orderBy('app_id').execute();
}

export function findAppByPid(db: Db, accountId: string, regionId: string, pid: string): Promise<TraceAppRow | undefined> {
  return db.selectFrom('arms_trace_apps').selectAll().where('account_id', '=', accountId).where('region_id', '=', regionId).where('pid', '=', pid).executeTakeFirst();
}

export interface NewTraceApp {
  accountId: string;
  regionId: string;
  appName: string;
  type: AppType;
  labels: string[];
  tags: Tag[];
  /** Epoch ms. */
  now: number;
}

/** Creates an app; the name parameter is named in the error when the region already has an app of that name. */
export async function insertApp(trx: Transaction<Database>, app: NewTraceApp, nameParam: string): Promise<TraceAppRow> {
  // Taking the ID first serializes creators (ids.ts), so the name check below cannot race.
  const appId = await nextId(trx, 'arms.app_id');
  const taken = await trx
    .selectFrom('arms_trace_apps')
    .select('pid')
    .where('account_id', '=', app.accountId)
    .where('region_id', '=', app.regionId)
    .where('app_name', '=', app.appName)
    .executeTakeFirst();
  if (taken) throw apiError('ParameterIllegal', nameParam, 'An application with this name already exists in the region.');
  const row: TraceAppRow = {
    account_id: app.accountId,
    region_id: app.regionId,
    app_id: appId,
    pid: newPid(),
    app_name: app.appName,
    app_type: app.type,
    labels: JSON.stringify(app.labels),
    tags: JSON.stringify(app.tags),
    create_time: app.now,
    update_time: app.now,
  };
  await trx.insertInto('arms_trace_apps').values(row).execute();
  return row;
}

/** False when the app was gone already (a concurrent delete). */
export async function deleteApp(trx: Transaction<Database>, app: TraceAppRow): Promise<boolean> {
  const result = await trx
    .deleteFrom('arms_trace_apps').where('account_id', '=', app.account_id).where('region_id', '=', app.region_id).where('pid', '=', app.pid)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export const appTags = (app: TraceAppRow): Tag[] => JSON.parse(app.tags) as Tag[];

/** A TraceApp as ListTraceApps, SearchTraceAppByName and GetTraceApp return it (api-facts §6.1); times in epoch ms. */
export function traceAppView(app: TraceAppRow) {
  return {
    AppId: app.app_id,
    Pid: app.pid,
    AppName: app.app_name,
    Type: app.app_type,
    RegionId: app.region_id,
    UserId: app.account_id,
    CreateTime: app.create_time,
    UpdateTime: app.update_time,
    Show: true,
    Labels: JSON.parse(app.labels) as string[],
    Tags: appTags(app),
  };
}
