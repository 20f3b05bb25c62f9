import { expect } from 'vitest';
import { createTraceAppAsOperator } from '../../src/services/arms/operator.js';
import type { AppType } from '../../src/services/arms/trace-app-store.js';
import { openStore } from '../../src/store/index.js';
import { failure } from '../ram/access-fixture.js';
import { callApi, popClient, ramClient, type ClientOptions, type Keys } from '../helpers/sdk.js';
import { uniqueAlias, type TestServer } from '../helpers/server.js';

export const ARMS_VERSION = '2019-08-08';
export const REGION = 'cn-hangzhou';

/** An account with its root AccessKey and a RAM client signing as root. */
export interface ArmsAccount {
  accountId: string;
  keys: Keys;
  ram: any;
}

export async function armsAccount(t: TestServer, prefix: string): Promise<ArmsAccount> {
  const account = await t.createAccount(uniqueAlias(prefix));
  const keys: Keys = { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret };
  return { accountId: account.accountId, keys, ram: ramClient(keys, { endpoint: t.endpoint }) };
}

/** Calls ARMS as a generated client would: openapi-core's generic callApi (V3 unless told); the response body. */
export async function arms(t: TestServer, keys: Keys, action: string, query: Record<string, string> = {}, options: Partial<ClientOptions> = {}): Promise<any> {
  return (await callApi(keys, { endpoint: t.endpoint, ...options }, action, ARMS_VERSION, query)).body;
}

/** Calls ARMS through @alicloud/pop-core (V1 signature, POST); the response body. */
export function armsPop(t: TestServer, keys: Keys, action: string, params: Record<string, unknown> = {}): Promise<any> {
  return popClient(keys, t.httpUrl, ARMS_VERSION).request(action, params, { method: 'POST' });
}

/** Creates a trace app in the server's store, as `ramstack arms create-app` does; the app as GetTraceApp shows it. */
export async function traceApp(t: TestServer, accountId: string, appName: string, options: { region?: string; type?: AppType } = {}) {
  const store = await openStore({ dataDir: t.dataDir, ...(t.databaseUrl ? { databaseUrl: t.databaseUrl } : {}), ...(t.schema ? { schema: t.schema } : {}) });
  try {
    return await createTraceAppAsOperator(store, { accountId, regionId: options.region ?? REGION, appName, type: options.type ?? 'TRACE', labels: [] });
  } finally {
    await store.close();
  }
}

/** Expects an Alibaba error from either client: openapi-core (code, statusCode) or pop-core (code, data). */
export async function expectArmsError(promise: Promise<unknown>, code: string, status: number): Promise<any> {
  const err = await failure(promise);
  expect({ code: err.code, status: err.statusCode ?? err.entry?.response?.statusCode }).toEqual({ code, status });
  return err;
}

/** The names of the apps a list or search answered with. */
export const appNames = (body: any): string[] => body.TraceApps.map((app: any) => app.AppName).sort();
