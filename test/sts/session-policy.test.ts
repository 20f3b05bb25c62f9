import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, failure } from '../ram/access-fixture.js';
import { type TestServer } from '../helpers/server.js';
import { assume, startScenario, ramAs, sessionKeys, type Scenario } from './fixture.js';

let t: TestServer;
let s: Scenario;
beforeAll(async () => {
  ({ t, s } = await startScenario());
  await call(s.a.root, 'AttachPolicyToRole', { policyType: 'System', policyName: 'AliyunRAMReadOnlyAccess', roleName: s.roleName });
});
afterAll(() => t.stop());

const policy = (action: string) => JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

describe('threat: a session policy widens the role\'s permissions', () => {
  it('a session policy allowing ram:* still cannot create users: the role\'s policies bound the session', async () => {
    const ram = ramAs(sessionKeys(await assume(s.user, t, { roleArn: s.roleArn, policy: policy('ram:*') })), t);
    const err = await failure(call(ram, 'CreateUser', { userName: 'widened' }));
    expect(err.code).toBe('NoPermission');
    expect((await call(ram, 'ListUsers')).body.users.user).toEqual([]);
  });

  it('a session policy narrows: ListUsers allowed by the role is denied when the session policy allows only ARMS', async () => {
    const ram = ramAs(sessionKeys(await assume(s.user, t, { roleArn: s.roleArn, policy: policy('arms:*') })), t);
    const err = await failure(call(ram, 'ListUsers'));
    expect(err.code).toBe('NoPermission');
    expect(err.accessDeniedDetail.PolicyType).toBe('SessionPolicy');
  });
});
