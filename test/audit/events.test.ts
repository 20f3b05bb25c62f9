import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, failure, ramUserClient } from '../ram/access-fixture.js';
import { ramClient, RamModels } from '../helpers/sdk.js';
import { eventsOfRequest, requestIdOf, startAuditServer, storedRows } from './trail.js';

let f: Awaited<ReturnType<typeof startAuditServer>>;
let rootKeyId: string;

beforeAll(async () => {
  f = await startAuditServer('events');
  rootKeyId = f.keys.accessKeyId;
});
afterAll(() => f.t.stop());

describe('a RAM write', () => {
  it('files one event, stored before the answer because it commits with the change', async () => {
    const res = await call(f.root, 'CreateUser', { userName: 'written', displayName: 'Written' });
    // No waiting: only reads and failures go through the 100 ms batch.
    const rows = (await storedRows(f.t)).filter((r) => r.request_id === res.body.requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.account_id).toBe(f.accountId);
  });

  it('records who, what, where and the outcome in the ActionTrail shape', async () => {
    await call(f.root, 'CreateUser', { userName: 'described' });
    const res = await call(f.root, 'UpdateUser', { userName: 'described', newComments: 'kept as given' });
    const [event] = await eventsOfRequest(f.t, res.body.requestId);
    expect(event).toMatchObject({
      eventVersion: '1',
      eventType: 'ApiCall',
      eventSource: 'ram.aliyuncs.com',
      serviceName: 'Ram',
      eventName: 'UpdateUser',
      apiVersion: '2015-05-01',
      eventRW: 'Write',
      requestId: res.body.requestId,
      sourceIpAddress: '127.0.0.1',
      isHttps: false,
      userIdentity: { type: 'root-account', accountId: f.accountId, arn: `acs:ram::${f.accountId}:root`, accessKeyId: rootKeyId },
      resourceName: 'described',
      resourceType: 'ACS::RAM::User',
      resources: [`acs:ram:*:${f.accountId}:user/described`],
      requestParameters: { UserName: 'described', NewComments: 'kept as given' },
      recipientAccountId: f.accountId,
    });
    expect(event!.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event!.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(event!.userAgent).toContain('AlibabaCloud');
    expect(event).not.toHaveProperty('errorCode');
  });

  it('refused by policy leaves its denial event with the AccessDeniedDetail and no change', async () => {
    const user = await ramUserClient(f, 'no-rights');
    const err = await failure(call(user, 'CreateUser', { userName: 'never-created' }));
    expect(err.code).toBe('NoPermission');
    const [event] = await eventsOfRequest(f.t, requestIdOf(err));
    expect(event).toMatchObject({
      eventName: 'CreateUser',
      errorCode: 'NoPermission',
      accessDeniedDetail: { AuthAction: 'ram:CreateUser', NoPermissionType: 'ImplicitDeny' },
      userIdentity: { type: 'ram-user', userName: 'no-rights', arn: `acs:ram::${f.accountId}:user/no-rights` },
    });
    expect((await failure(call(f.root, 'GetUser', { userName: 'never-created' }))).code).toBe('EntityNotExist.User');
  });

  it('that fails validation files its error code', async () => {
    const err = await failure(call(f.root, 'CreateUser', { userName: 'bad name!' }));
    const [event] = await eventsOfRequest(f.t, requestIdOf(err));
    expect(event).toMatchObject({ eventName: 'CreateUser', errorCode: 'InvalidParameter.UserName.InvalidChars' });
  });
});

describe('a read', () => {
  it('files a Read event', async () => {
    await call(f.root, 'CreateUser', { userName: 'read-me' });
    const res = await call(f.root, 'GetUser', { userName: 'read-me' });
    const [event] = await eventsOfRequest(f.t, res.body.requestId);
    expect(event).toMatchObject({ eventName: 'GetUser', eventRW: 'Read', resourceName: 'read-me' });
  });
});

describe('an authentication failure', () => {
  it('of a real AccessKey is filed under that key', async () => {
    const wrongSecret = ramClient({ accessKeyId: rootKeyId, accessKeySecret: 'not-the-secret' }, { endpoint: f.t.endpoint });
    const err = await failure(wrongSecret.listUsers(new RamModels.ListUsersRequest({})));
    expect(err.code).toBe('SignatureDoesNotMatch');
    const [event] = await eventsOfRequest(f.t, requestIdOf(err));
    expect(event).toMatchObject({ eventName: 'ListUsers', errorCode: 'SignatureDoesNotMatch', userIdentity: { accessKeyId: rootKeyId } });
  });
});
