import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, failure } from '../ram/access-fixture.js';
import { runNode } from '../helpers/child-node.js';
import { popClient } from '../helpers/sdk.js';
import { type TestServer } from '../helpers/server.js';
import { assume, startScenario, ramAs, sessionKeys, whoAmI, type Scenario } from './fixture.js';

let t: TestServer;
let s: Scenario;
beforeAll(async () => ({ t, s } = await startScenario()));
afterAll(() => t.stop());

describe('product scenario: B\'s RAM user reaches A\'s role through AssumeRole', () => {
  it('answers the §1.3 response with @alicloud/sts20150401 (V3)', async () => {
    const body = await assume(s.user, t, { roleArn: s.roleArn, roleSessionName: 'alice', durationSeconds: 3600 });
    expect(body.assumedRoleUser.arn).toBe(`acs:ram::${s.a.accountId}:role/arms-operator/alice`);
    expect(body.assumedRoleUser.assumedRoleId).toMatch(/^\d{18}:alice$/);
    expect(body.credentials.accessKeyId).toMatch(/^STS\.[A-Za-z0-9]{25}$/);
    expect(body.credentials.expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(body.credentials.expiration) - Date.now()).toBeGreaterThan(3590_000);
    expect(body.sourceIdentity).toBeUndefined();
    expect(body.requestId).toBeTruthy();
  });

  it('works with V1 signatures (signatureAlgorithm v2), and the session reports itself through GetCallerIdentity', async () => {
    const body = await assume(s.user, t, { roleArn: s.roleArn, roleSessionName: 'bob' }, { signatureAlgorithm: 'v2' });
    const roleId = body.assumedRoleUser.assumedRoleId.split(':')[0];
    const me = await whoAmI(sessionKeys(body), t, { signatureAlgorithm: 'v2' });
    expect(me).toMatchObject({ identityType: 'AssumedRoleUser', accountId: s.a.accountId, arn: `acs:ram::${s.a.accountId}:assumed-role/arms-operator/bob`, principalId: `${roleId}:bob`, roleId });
    expect(me.userId).toBeUndefined();
  });

  it('works with @alicloud/pop-core (GET and POST), temporary credentials included', async () => {
    const client = popClient(s.user, t.httpUrl, '2015-04-01');
    const viaGet = await client.request('AssumeRole', { RoleArn: s.roleArn, RoleSessionName: 'pop-get' });
    const viaPost = await client.request('AssumeRole', { RoleArn: s.roleArn, RoleSessionName: 'pop-post' }, { method: 'POST' });
    expect(viaPost.AssumedRoleUser.Arn).toBe(`acs:ram::${s.a.accountId}:role/arms-operator/pop-post`);
    const session = popClient({ accessKeyId: viaGet.Credentials.AccessKeyId, accessKeySecret: viaGet.Credentials.AccessKeySecret, securityToken: viaGet.Credentials.SecurityToken }, t.httpUrl, '2015-04-01');
    expect((await session.request('GetCallerIdentity', {})).Arn).toBe(`acs:ram::${s.a.accountId}:assumed-role/arms-operator/pop-get`);
  });

  it('works with @alicloud/credentials ram_role_arn over the HTTPS listener, feeding a Tea client', async () => {
    const result = await runNode(`
      const Credentials = require('@alicloud/credentials');
      const { $OpenApiUtil } = require('@alicloud/openapi-core');
      const Sts = require('@alicloud/sts20150401');
      const credential = new Credentials.default(new Credentials.Config({
        type: 'ram_role_arn', accessKeyId: process.env.AK, accessKeySecret: process.env.SK,
        roleArn: process.env.ROLE, roleSessionName: 'creds', stsEndpoint: process.env.EP }));
      const client = new Sts.default(new $OpenApiUtil.Config({ credential, endpoint: process.env.EP, protocol: 'HTTPS' }));
      return (await client.getCallerIdentity()).body;`,
    { NODE_EXTRA_CA_CERTS: join(t.dataDir, 'tls', 'ca.pem'), EP: t.tlsEndpoint, AK: s.user.accessKeyId, SK: s.user.accessKeySecret, ROLE: s.roleArn });
    expect(result.value).toMatchObject({ identityType: 'AssumedRoleUser', accountId: s.a.accountId, arn: `acs:ram::${s.a.accountId}:assumed-role/arms-operator/creds` });
  });

  it('is allowed or denied in A exactly as the role\'s policies say, and a policy attached later applies to the live session', async () => {
    const ram = ramAs(sessionKeys(await assume(s.user, t, { roleArn: s.roleArn })), t);
    const denied = await failure(call(ram, 'ListUsers'));
    expect({ code: denied.code, status: denied.statusCode }).toEqual({ code: 'NoPermission', status: 403 });
    expect(denied.accessDeniedDetail).toMatchObject({ AuthAction: 'ram:ListUsers', AuthPrincipalType: 'AssumedRoleUser', AuthPrincipalOwnerId: s.a.accountId, AuthPrincipalDisplayName: 'arms-operator:alice' });

    await call(s.a.root, 'AttachPolicyToRole', { policyType: 'System', policyName: 'AliyunRAMReadOnlyAccess', roleName: s.roleName });
    const users = (await call(ram, 'ListUsers')).body.users.user;
    // The session lists A's users (A has none), not B's: it acts in the role's account.
    expect(users).toEqual([]);
    await expect(call(ram, 'CreateUser', { userName: 'intruder' })).rejects.toMatchObject({ code: 'NoPermission' });
  });
});
