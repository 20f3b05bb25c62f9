import { expect } from 'vitest';
import { callApi, ramClient, stsClient, StsModels, type Keys } from '../helpers/sdk.js';
import { call, trustAccount } from '../ram/access-fixture.js';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { openStore } from '../../src/store/index.js';
import type { AuditDraft, AuditEvent } from '../../src/audit/index.js';
import type { SessionClaims } from '../../src/tokens/index.js';
import { copiedFrom } from '../../src/audit/stored-copy.js';
import { batchLines } from '../../src/audit/event-batches.js';

/** An account on a server: its root keys (to search the trail for them) and root RAM client. */
export interface AuditAccount {
  accountId: string;
  keys: Keys;
  root: any;
}

export async function auditAccount(t: TestServer, prefix: string): Promise<AuditAccount> {
  const account = await t.createAccount(uniqueAlias(prefix));
  const keys: Keys = { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret };
  return { accountId: account.accountId, keys, root: ramClient(keys, { endpoint: t.endpoint }) };
}

export async function startAuditServer(prefix: string): Promise<{ t: TestServer } & AuditAccount> {
  const t = await startTestServer();
  return { t, ...(await auditAccount(t, prefix)) };
}

/** LookupEvents through openapi-core's generic callApi, as an ActionTrail client would send it. */
export async function lookupEvents(t: TestServer, keys: Keys, query: Record<string, string> = {}): Promise<{ Events: AuditEvent[]; NextToken?: string; StartTime: string; EndTime: string; RequestId: string }> {
  return (await callApi(keys, { endpoint: t.endpoint }, 'LookupEvents', '2020-07-06', query)).body;
}

/** LookupAttribute.N.Key/Value parameters from pairs. */
export function attributes(...pairs: Array<[string, string]>): Record<string, string> {
  return Object.fromEntries(pairs.flatMap(([key, value], i) => [[`LookupAttribute.${i + 1}.Key`, key], [`LookupAttribute.${i + 1}.Value`, value]]));
}

/** Reads, denials and failures are written in batches every 100 ms: ask until the answer shows up. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Every stored event of every trail, straight from the store, with the event's request ID: the rows
 * of audit_events (a row of a second trail holds a copy mark, resolved here from the row it names),
 * then the events of audit_event_batches.
 */
export async function storedRows(t: TestServer): Promise<Array<{ account_id: string; request_id: string; action: string; event: string }>> {
  const store = await openStore({ dataDir: t.dataDir, ...(t.databaseUrl ? { databaseUrl: t.databaseUrl } : {}), ...(t.schema ? { schema: t.schema } : {}) });
  try {
    const rows = await store.db.selectFrom('audit_events').select(['account_id', 'event_id', 'action', 'event']).execute();
    const stored = new Map(rows.map((row) => [`${row.account_id} ${row.event_id}`, row.event]));
    const batches = await store.db.selectFrom('audit_event_batches').select(['account_id', 'events']).execute();
    const inRows = rows.map(({ event_id, event, ...row }) => {
      const from = copiedFrom(event);
      return { ...row, event: from === undefined ? event : stored.get(`${from} ${event_id}`)! };
    });
    const inBatches = batches.flatMap(({ account_id, events }) => batchLines(events).map((event) => ({ account_id, action: (JSON.parse(event) as AuditEvent).eventName, event })));
    return [...inRows, ...inBatches].map((row) => ({ ...row, request_id: (JSON.parse(row.event) as AuditEvent).requestId }));
  } finally {
    await store.close();
  }
}

/** The stored events of one request, waiting for the batch that carries reads and failures. */
export async function eventsOfRequest(t: TestServer, requestId: string): Promise<AuditEvent[]> {
  const rows = await eventually(() => storedRows(t), (all) => all.some((r) => r.request_id === requestId));
  const events = rows.filter((r) => r.request_id === requestId).map((r) => JSON.parse(r.event) as AuditEvent);
  expect(events.length).toBeGreaterThan(0);
  return events;
}

/** The request ID of an SDK error (the Tea error carries the response body in `data`). */
export const requestIdOf = (err: any): string => err.data?.RequestId ?? err.data?.requestId;

/** A user of `account` with an AccessKey, allowed to call sts:AssumeRole (system policy AliyunSTSAssumeRoleAccess). */
export async function assumingUser(t: TestServer, account: AuditAccount, userName: string): Promise<Keys> {
  await call(account.root, 'CreateUser', { userName });
  await call(account.root, 'AttachPolicyToUser', { policyType: 'System', policyName: 'AliyunSTSAssumeRoleAccess', userName });
  const key = (await call(account.root, 'CreateAccessKey', { userName })).body.accessKey;
  return { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret };
}

/** A role of `owner` that `trusted` may assume, with a system policy attached. */
export async function trustedRole(owner: AuditAccount, roleName: string, trusted: string, systemPolicy: string): Promise<string> {
  const role = (await call(owner.root, 'CreateRole', { roleName, assumeRolePolicyDocument: trustAccount(trusted) })).body.role;
  await call(owner.root, 'AttachPolicyToRole', { policyType: 'System', policyName: systemPolicy, roleName });
  return role.arn;
}

/** AssumeRole through the official STS client; the temporary credentials as Keys. */
export async function assume(t: TestServer, keys: Keys, roleArn: string, roleSessionName: string): Promise<Keys> {
  const res = await stsClient(keys, { endpoint: t.endpoint }).assumeRole(new StsModels.AssumeRoleRequest({ roleArn, roleSessionName }));
  const c = res.body.credentials;
  return { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken };
}

/** A call's audit draft for recording straight into a sink: a successful ListUsers by account 1000000000000001's root, unless told otherwise. */
export function auditDraft(fields: Pick<AuditDraft, 'requestId' | 'time'> & Partial<AuditDraft>): AuditDraft {
  return {
    action: { product: 'Ram', version: '2015-05-01', name: 'ListUsers', ramAction: 'ram:ListUsers', access: 'read' },
    secretParams: [],
    request: { sourceIp: '127.0.0.1', secure: false, userAgent: 'test' },
    caller: { kind: 'root', accountId: '1000000000000001', arn: 'acs:ram::1000000000000001:root', accessKeyId: null },
    params: {},
    resources: [],
    result: { code: 'Success' },
    channel: 'api',
    ...fields,
  };
}

/** The action of a draft that stands for a write (its event is recorded in the change's transaction). */
export const CREATE_USER: AuditDraft['action'] = { product: 'Ram', version: '2015-05-01', name: 'CreateUser', ramAction: 'ram:CreateUser', access: 'write' };

/** Two accounts for drafts of a cross-account session: A owns the role, B's user assumed it. */
export const ROLE_OWNER = '1000000000000001';
export const CALLER_ACCOUNT = '2000000000000002';

/** A call by a session of ROLE_OWNER's role `arms-operator`, assumed by CALLER_ACCOUNT's user alice: an event of both trails. */
export function sessionDraft(requestId: string, time: number, action: AuditDraft['action']): AuditDraft {
  const [A, B] = [ROLE_OWNER, CALLER_ACCOUNT];
  const claims: SessionClaims = {
    accessKeyId: 'STS.test', roleAccountId: A, roleId: '300000000000000001', roleName: 'arms-operator', sessionName: 'alice',
    callerArn: `acs:ram::${B}:user/alice`, callerAccountId: B, callerType: 'user', callerPrincipalId: '200000000000000001',
    mfaPresent: false, issuedAt: Math.floor(time / 1000), expiresAt: Math.floor(time / 1000) + 3600,
  };
  return auditDraft({
    requestId,
    time,
    action,
    caller: { kind: 'session', accountId: A, arn: `acs:ram::${A}:assumed-role/arms-operator/alice`, accessKeyId: 'STS.test', roleId: claims.roleId, roleName: 'arms-operator', sessionName: 'alice', claims },
  });
}
