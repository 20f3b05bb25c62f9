import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, failure, grant, policyDocument, allow, ramUserClient } from '../ram/access-fixture.js';
import { isoSeconds } from '../../src/identity/time.js';
import type { AuditEvent } from '../../src/audit/index.js';
import { attributes, auditAccount, eventually, lookupEvents, startAuditServer, type AuditAccount } from './trail.js';
import type { TestServer } from '../helpers/server.js';

let t: TestServer;
let a: AuditAccount;
/** Second-precision event times: the boundary lies between the "early" and the "late" users. */
let boundary: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const names = (events: AuditEvent[]) => events.map((e) => `${e.eventName}:${e.resourceName ?? ''}`);

beforeAll(async () => {
  const started = await startAuditServer('lookup');
  t = started.t;
  a = started;
  await call(a.root, 'CreateUser', { userName: 'early' });
  await sleep(1100 - (Date.now() % 1000));
  boundary = isoSeconds(Date.now());
  await call(a.root, 'CreateUser', { userName: 'late' });
  await call(a.root, 'GetUser', { userName: 'late' });
});
afterAll(() => t.stop());

describe('LookupEvents', () => {
  it('finds a write by EventName, newest first, with the ActionTrail response fields', async () => {
    const res = await lookupEvents(t, a.keys, attributes(['EventName', 'CreateUser']));
    expect(res).toMatchObject({ RequestId: expect.any(String), StartTime: expect.any(String), EndTime: expect.any(String) });
    expect(res.Events.map((e) => e.requestParameters.UserName)).toEqual(['late', 'early']);
  });

  it('limits to the time range (StartTime and EndTime inclusive, second precision)', async () => {
    const after = await lookupEvents(t, a.keys, { StartTime: boundary, ...attributes(['EventName', 'CreateUser']) });
    const before = await lookupEvents(t, a.keys, { EndTime: isoSeconds(Date.parse(boundary) - 1000), ...attributes(['EventName', 'CreateUser']) });
    expect({ after: after.Events.map((e) => e.requestParameters.UserName), before: before.Events.map((e) => e.requestParameters.UserName) }).toEqual({ after: ['late'], before: ['early'] });
  });

  it('filters by ResourceName (short name or ARN) and ResourceType', async () => {
    const byName = await eventually(() => lookupEvents(t, a.keys, attributes(['ResourceName', 'late'])), (r) => r.Events.length > 0);
    const byArn = await lookupEvents(t, a.keys, attributes(['ResourceName', `acs:ram:*:${a.accountId}:user/late`]));
    const byType = await lookupEvents(t, a.keys, attributes(['ResourceType', 'ACS::RAM::User'], ['EventRW', 'Read']));
    expect(names(byName.Events)).toEqual(['GetUser:late']);
    expect(names(byArn.Events)).toEqual(['GetUser:late']);
    expect(names(byType.Events)).toEqual(['GetUser:late']);
  });

  it('filters by UserName and EventAccessKeyId', async () => {
    const carol = await ramUserClient({ t, root: a.root }, 'carol');
    await grant({ root: a.root }, 'carol', 'carol-reads', policyDocument(allow('ram:ListUsers')));
    const listed = await call(carol, 'ListUsers');
    const carolKey = await carol._credential.getAccessKeyId();
    const byUser = await eventually(() => lookupEvents(t, a.keys, attributes(['UserName', 'carol'])), (r) => r.Events.length > 0);
    const byKey = await lookupEvents(t, a.keys, attributes(['EventAccessKeyId', carolKey]));
    const rootKey = await lookupEvents(t, a.keys, attributes(['EventAccessKeyId', a.keys.accessKeyId], ['EventName', 'ListUsers']));
    expect(byUser.Events.map((e) => e.requestId)).toEqual([listed.body.requestId]);
    expect(byKey.Events.map((e) => e.requestId)).toEqual([listed.body.requestId]);
    expect(rootKey.Events).toEqual([]);
  });

  it('pages with MaxResults and NextToken, every event once, the last page without a token', async () => {
    for (let i = 0; i < 5; i++) await call(a.root, 'CreateGroup', { groupName: `paged-${i}` });
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await lookupEvents(t, a.keys, { MaxResults: '2', ...(token ? { NextToken: token } : {}), ...attributes(['EventName', 'CreateGroup']) });
      seen.push(...page.Events.map((e) => e.requestParameters.GroupName!));
      token = page.NextToken;
      pages++;
    } while (token);
    expect({ pages, seen }).toEqual({ pages: 3, seen: ['paged-4', 'paged-3', 'paged-2', 'paged-1', 'paged-0'] });
  });

  it('returns only the caller account\'s trail', async () => {
    const other = await auditAccount(t, 'other');
    await call(other.root, 'CreateUser', { userName: 'elsewhere' });
    const mine = await lookupEvents(t, a.keys, attributes(['EventName', 'CreateUser']));
    expect(mine.Events.map((e) => e.requestParameters.UserName)).not.toContain('elsewhere');
  });

  it('requires actiontrail:LookupEvents (NoPermission with AccessDeniedDetail)', async () => {
    await call(a.root, 'CreateUser', { userName: 'no-audit' });
    const key = (await call(a.root, 'CreateAccessKey', { userName: 'no-audit' })).body.accessKey;
    const err = await failure(lookupEvents(t, { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret }));
    expect({ code: err.code, action: err.data?.AccessDeniedDetail?.AuthAction }).toEqual({ code: 'NoPermission', action: 'actiontrail:LookupEvents' });
  });

  it('refuses a malformed StartTime, EndTime before StartTime, MaxResults over 50, an unknown key and a forged NextToken', async () => {
    const codes = await Promise.all(
      [{ StartTime: '2024-13-01' }, { StartTime: boundary, EndTime: '2000-01-01T00:00:00Z' }, { MaxResults: '51' }, attributes(['Colour', 'red']), { NextToken: 'bm90LWEtdG9rZW4' }].map((query) =>
        failure(lookupEvents(t, a.keys, query)).then((err) => err.code),
      ),
    );
    expect(codes).toEqual(['InvalidParameter', 'InvalidParameter.TimeRange', 'InvalidParameter', 'InvalidParameter', 'InvalidParameter']);
  });
});
