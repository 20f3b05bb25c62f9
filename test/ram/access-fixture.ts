import { expect } from 'vitest';
import { startTestServer, uniqueAlias, type TestServer, type TestServerOptions } from '../helpers/server.js';
import { RamModels, ramClient, type Keys } from '../helpers/sdk.js';

/** A running server with one account and its root clients, for the RAM access tests. */
export interface AccessFixture {
  t: TestServer;
  accountId: string;
  /** Root client signing V3 (the SDK default). */
  root: any;
  /** Root client signing V1 (signatureAlgorithm 'v2'). */
  rootV1: any;
}

export async function startAccessFixture(prefix: string, options: TestServerOptions = {}): Promise<AccessFixture> {
  const t = await startTestServer(options);
  return { t, ...(await accountOn(t, prefix)) };
}

/** A new account on a running server (a second node shares the first node's accounts). */
export async function accountOn(t: TestServer, prefix: string): Promise<Omit<AccessFixture, 't'>> {
  const account = await t.createAccount(uniqueAlias(prefix));
  const keys: Keys = { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret };
  return { accountId: account.accountId, root: ramClient(keys, { endpoint: t.endpoint }), rootV1: ramClient(keys, { endpoint: t.endpoint, signatureAlgorithm: 'v2' }) };
}

/** Resolves to the error a call failed with; fails the test when the call succeeds. */
export const failure = (promise: Promise<unknown>): Promise<any> =>
  promise.then(() => { throw new Error('expected the call to fail'); }, (err: any) => err);

export async function expectApiError(promise: Promise<unknown>, code: string, status: number): Promise<void> {
  const err = await failure(promise);
  expect({ code: err.code, status: err.statusCode }).toEqual({ code, status });
}

/** Calls `client.<action>(new RamModels.<Action>Request(fields))`, as SDK users write it. */
export function call(client: any, action: string, fields: Record<string, unknown> = {}): Promise<any> {
  const method = action[0]!.toLowerCase() + action.slice(1);
  const Request = RamModels[`${action}Request`];
  return Request ? client[method](new Request(fields)) : client[method]();
}

/** A RAM user of the account with an AccessKey, and a client signing as that user. */
export async function ramUserClient(f: Pick<AccessFixture, 't' | 'root'>, userName: string): Promise<any> {
  await call(f.root, 'CreateUser', { userName });
  const key = (await call(f.root, 'CreateAccessKey', { userName })).body.accessKey;
  return ramClient({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret }, { endpoint: f.t.endpoint });
}

export const policyDocument = (...statements: object[]): string => JSON.stringify({ Version: '1', Statement: statements });
export const allow = (action: string | string[], resource: string | string[] = '*') => ({ Effect: 'Allow', Action: action, Resource: resource });
export const trustAccount = (accountId: string): string =>
  JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${accountId}:root`] } }] });

/** Creates a custom policy and attaches it to a user. */
export async function grant(f: Pick<AccessFixture, 'root'>, userName: string, policyName: string, document: string): Promise<void> {
  await call(f.root, 'CreatePolicy', { policyName, policyDocument: document });
  await call(f.root, 'AttachPolicyToUser', { policyType: 'Custom', policyName, userName });
}
