import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, failure } from '../ram/access-fixture.js';
import { ramClient, type Keys } from '../helpers/sdk.js';
import type { AuditEvent } from '../../src/audit/index.js';
import { assume, assumingUser, attributes, auditAccount, eventually, lookupEvents, trustedRole, type AuditAccount } from './trail.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * The core scenario: B's user assumes A's role, reads in A and is refused a write in A. Each account's
 * trail, read with LookupEvents, shows what happened and who did it.
 */
let t: TestServer;
let a: AuditAccount;
let b: AuditAccount;
let roleArn: string;
let readId: string;
let refusedId: string;
let assumeId: string;

beforeAll(async () => {
  t = await startTestServer();
  a = await auditAccount(t, 'owner-a');
  b = await auditAccount(t, 'staff-b');
  roleArn = await trustedRole(a, 'b-operators', b.accountId, 'AliyunRAMReadOnlyAccess');
  const staff: Keys = await assumingUser(t, b, 'operator');
  const session = await assume(t, staff, roleArn, 'operator-at-a');
  const inA = ramClient(session, { endpoint: t.endpoint });
  readId = (await call(inA, 'ListUsers')).body.requestId;
  const refused = await failure(call(inA, 'CreateUser', { userName: 'intruder' }));
  expect(refused.code).toBe('NoPermission');
  refusedId = refused.data.RequestId;
  const inB = await eventually(() => lookupEvents(t, b.keys, attributes(['EventName', 'AssumeRole'])), (r) => r.Events.length > 0);
  assumeId = inB.Events[0]!.requestId;
});
afterAll(() => t.stop());

const trail = (account: AuditAccount) =>
  eventually(() => lookupEvents(t, account.keys, { MaxResults: '50' }), (r) => [readId, refusedId].every((id) => r.Events.some((e) => e.requestId === id))).then((r) => r.Events);
const byRequest = (events: AuditEvent[], requestId: string) => events.find((e) => e.requestId === requestId);

it("A's trail shows the read and the refused write, attributed to the role session and B's user", async () => {
  const events = await trail(a);
  const who = {
    type: 'assumed-role',
    accountId: a.accountId,
    arn: `acs:ram::${a.accountId}:assumed-role/b-operators/operator-at-a`,
    sessionContext: { sessionIssuer: { arn: roleArn, accountId: a.accountId }, sessionName: 'operator-at-a', callerArn: `acs:ram::${b.accountId}:user/operator`, callerAccountId: b.accountId },
  };
  expect(byRequest(events, readId)).toMatchObject({ eventName: 'ListUsers', userIdentity: who, recipientAccountId: a.accountId });
  expect(byRequest(events, refusedId)).toMatchObject({ eventName: 'CreateUser', errorCode: 'NoPermission', accessDeniedDetail: { AuthAction: 'ram:CreateUser' }, userIdentity: who });
});

it("B's trail shows the AssumeRole and the calls its user made in A", async () => {
  const events = await trail(b);
  expect(byRequest(events, assumeId)).toMatchObject({ eventName: 'AssumeRole', userIdentity: { type: 'ram-user', userName: 'operator', accountId: b.accountId }, resources: [roleArn] });
  expect([byRequest(events, readId)?.eventName, byRequest(events, refusedId)?.errorCode]).toEqual(['ListUsers', 'NoPermission']);
});

it("A's trail also shows the AssumeRole of its role (the resource owner's trail)", async () => {
  const events = (await lookupEvents(t, a.keys, attributes(['EventName', 'AssumeRole']))).Events;
  expect(events.map((e) => e.requestId)).toEqual([assumeId]);
});

it("a third account's trail shows none of it", async () => {
  const c = await auditAccount(t, 'bystander-c');
  const events = (await lookupEvents(t, c.keys)).Events;
  expect(events.filter((e) => [readId, refusedId, assumeId].includes(e.requestId))).toEqual([]);
});
