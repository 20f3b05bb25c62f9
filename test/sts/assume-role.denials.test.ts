import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountOn, call, failure } from '../ram/access-fixture.js';
import { uniqueAlias, type TestServer } from '../helpers/server.js';
import { assume, startScenario, sessionKeys, trustPolicy, userWithKey, type Scenario } from './fixture.js';

let t: TestServer;
let s: Scenario;
beforeAll(async () => ({ t, s } = await startScenario()));
afterAll(() => t.stop());

async function denial(promise: Promise<unknown>): Promise<{ code: string; status: number; message: string; detail: any }> {
  const err = await failure(promise);
  return { code: err.code, status: err.statusCode, message: err.data?.Message, detail: err.accessDeniedDetail };
}

describe('threat: a caller assumes a role without both yeses', () => {
  it('caller lacks sts:AssumeRole: NoPermission from its own account\'s identity policies', async () => {
    const keys = await userWithKey(s.b.root, 'no-sts-grant');
    const d = await denial(assume(keys, t, { roleArn: s.roleArn }));
    expect(d).toMatchObject({ code: 'NoPermission', status: 403 });
    expect(d.detail).toMatchObject({ PolicyType: 'AccountLevelIdentityBasedPolicy', NoPermissionType: 'ImplicitDeny', AuthAction: 'sts:AssumeRole', AuthPrincipalType: 'SubUser', AuthPrincipalOwnerId: s.b.accountId });
  });

  it('trust policy names another account: NoPermission from the AssumeRolePolicy, trust document not revealed', async () => {
    const other = await accountOn(t, 'sts-other');
    await call(s.a.root, 'CreateRole', { roleName: 'trusts-other', assumeRolePolicyDocument: trustPolicy([`acs:ram::${other.accountId}:root`]) });
    const d = await denial(assume(s.user, t, { roleArn: `acs:ram::${s.a.accountId}:role/trusts-other` }));
    expect(d).toMatchObject({ code: 'NoPermission', status: 403, message: 'You are not authorized to do this action. You should be authorized by RAM.' });
    expect(d.detail).toMatchObject({ PolicyType: 'AssumeRolePolicy', AuthPrincipalOwnerId: s.b.accountId });
    expect(JSON.stringify(d)).not.toContain(other.accountId);
  });

  it('a third account whose user holds sts:AssumeRole is refused by the trust policy', async () => {
    const c = await accountOn(t, 'sts-c');
    const keys = await userWithKey(c.root, 'third');
    await call(c.root, 'AttachPolicyToUser', { policyType: 'System', policyName: 'AliyunSTSAssumeRoleAccess', userName: 'third' });
    const d = await denial(assume(keys, t, { roleArn: s.roleArn }));
    expect(d.detail.PolicyType).toBe('AssumeRolePolicy');
  });

  it('root cannot assume a role: NoPermission "Roles may not be assumed by root accounts.", even when trusted', async () => {
    const b = await t.createAccount(uniqueAlias('sts-root'));
    await call(s.a.root, 'CreateRole', { roleName: 'trusts-root-test', assumeRolePolicyDocument: trustPolicy([`acs:ram::${b.accountId}:root`]) });
    const d = await denial(assume({ accessKeyId: b.accessKeyId, accessKeySecret: b.accessKeySecret }, t, { roleArn: `acs:ram::${s.a.accountId}:role/trusts-root-test` }));
    expect(d).toMatchObject({ code: 'NoPermission', status: 403, message: 'Roles may not be assumed by root accounts.' });
  });

  it('wrong ExternalId: refused by the trust policy condition', async () => {
    await call(s.a.root, 'CreateRole', { roleName: 'needs-external-id', assumeRolePolicyDocument: trustPolicy([`acs:ram::${s.b.accountId}:root`], { StringEquals: { 'sts:ExternalId': 'abcd1234' } }) });
    const roleArn = `acs:ram::${s.a.accountId}:role/needs-external-id`;
    expect((await denial(assume(s.user, t, { roleArn, externalId: 'wrong-id' }))).detail.PolicyType).toBe('AssumeRolePolicy');
    expect((await assume(s.user, t, { roleArn, externalId: 'abcd1234' })).credentials.accessKeyId).toMatch(/^STS\./);
  });

  it('missing ExternalId: refused by the trust policy condition', async () => {
    const roleArn = `acs:ram::${s.a.accountId}:role/needs-external-id`;
    expect((await denial(assume(s.user, t, { roleArn }))).detail.PolicyType).toBe('AssumeRolePolicy');
  });

  it('a trust policy naming a specific user admits that user and no other user of the account', async () => {
    await call(s.a.root, 'CreateRole', { roleName: 'one-user', assumeRolePolicyDocument: trustPolicy([`acs:ram::${s.b.accountId}:user/${s.userName}`]) });
    const roleArn = `acs:ram::${s.a.accountId}:role/one-user`;
    expect((await assume(s.user, t, { roleArn })).assumedRoleUser.arn).toContain('role/one-user/');
    const other = await userWithKey(s.b.root, 'not-named');
    await call(s.b.root, 'AttachPolicyToUser', { policyType: 'System', policyName: 'AliyunSTSAssumeRoleAccess', userName: 'not-named' });
    expect((await denial(assume(other, t, { roleArn }))).detail.PolicyType).toBe('AssumeRolePolicy');
  });

  it('an explicit Deny of sts:AssumeRole in the caller\'s policies wins over AliyunSTSAssumeRoleAccess', async () => {
    const keys = await userWithKey(s.b.root, 'denied-explicitly');
    await call(s.b.root, 'AttachPolicyToUser', { policyType: 'System', policyName: 'AliyunSTSAssumeRoleAccess', userName: 'denied-explicitly' });
    await call(s.b.root, 'CreatePolicy', { policyName: 'no-arms-operator', policyDocument: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: s.roleArn }] }) });
    await call(s.b.root, 'AttachPolicyToUser', { policyType: 'Custom', policyName: 'no-arms-operator', userName: 'denied-explicitly' });
    const d = await denial(assume(keys, t, { roleArn: s.roleArn }));
    expect(d.detail).toMatchObject({ PolicyType: 'AccountLevelIdentityBasedPolicy', NoPermissionType: 'ExplicitDeny' });
  });
});

describe('threat: probing which roles exist in another account', () => {
  it('a caller allowed to assume the ARN learns the role does not exist (EntityNotExist.Role, 404)', async () => {
    const d = await denial(assume(s.user, t, { roleArn: `acs:ram::${s.a.accountId}:role/no-such-role` }));
    expect(d).toMatchObject({ code: 'EntityNotExist.Role', status: 404 });
  });

  it('a caller not allowed to assume the ARN gets the same NoPermission for a missing role as for an existing one', async () => {
    const keys = await userWithKey(s.b.root, 'prober');
    const missing = await denial(assume(keys, t, { roleArn: `acs:ram::${s.a.accountId}:role/no-such-role` }));
    const existing = await denial(assume(keys, t, { roleArn: s.roleArn }));
    expect(missing).toMatchObject({ code: 'NoPermission', status: 403 });
    // Identical but for the ARN the caller asked about (and the sealed diagnostic's random IV).
    const normalized = (d: typeof missing) => ({ ...d, message: d.message.replace(/role\/[\w-]+/, 'role/X'), detail: { ...d.detail, EncodedDiagnosticMessage: '' } });
    expect(normalized(missing)).toEqual(normalized(existing));
  });
});

describe('AssumeRole role lookup and chaining', () => {
  it('matches the role name in RoleArn regardless of case', async () => {
    const body = await assume(s.user, t, { roleArn: `acs:ram::${s.a.accountId}:role/ARMS-Operator` });
    expect(body.assumedRoleUser.arn).toBe(`acs:ram::${s.a.accountId}:role/arms-operator/alice`);
  });

  it('a session assumes another role (role chaining) when its role\'s policies and the next trust policy allow it', async () => {
    await call(s.a.root, 'CreateRole', { roleName: 'second-hop', assumeRolePolicyDocument: trustPolicy([`acs:ram::${s.a.accountId}:role/arms-operator`]) });
    await call(s.a.root, 'AttachPolicyToRole', { policyType: 'System', policyName: 'AliyunSTSAssumeRoleAccess', roleName: s.roleName });
    const first = sessionKeys(await assume(s.user, t, { roleArn: s.roleArn, roleSessionName: 'hop1' }));
    const second = await assume(first, t, { roleArn: `acs:ram::${s.a.accountId}:role/second-hop`, roleSessionName: 'hop2' });
    expect(second.assumedRoleUser.arn).toBe(`acs:ram::${s.a.accountId}:role/second-hop/hop2`);
  });

  it('a session whose role lacks sts:AssumeRole cannot chain: NoPermission from the identity policies', async () => {
    const c = await accountOn(t, 'sts-chain');
    await call(c.root, 'CreateRole', { roleName: 'plain', assumeRolePolicyDocument: trustPolicy([`acs:ram::${s.b.accountId}:root`]) });
    await call(c.root, 'CreateRole', { roleName: 'next', assumeRolePolicyDocument: trustPolicy([`acs:ram::${c.accountId}:root`]) });
    const session = sessionKeys(await assume(s.user, t, { roleArn: `acs:ram::${c.accountId}:role/plain` }));
    const d = await denial(assume(session, t, { roleArn: `acs:ram::${c.accountId}:role/next` }));
    expect(d.detail).toMatchObject({ PolicyType: 'AccountLevelIdentityBasedPolicy', AuthPrincipalType: 'AssumedRoleUser' });
  });

  it('a trust policy narrowed by UpdateRole refuses the very next AssumeRole, and a deleted role is gone at once', async () => {
    await call(s.a.root, 'CreateRole', { roleName: 'soon-untrusted', assumeRolePolicyDocument: trustPolicy([`acs:ram::${s.b.accountId}:root`]) });
    const roleArn = `acs:ram::${s.a.accountId}:role/soon-untrusted`;
    await assume(s.user, t, { roleArn });
    await call(s.a.root, 'UpdateRole', { roleName: 'soon-untrusted', newAssumeRolePolicyDocument: trustPolicy([`acs:ram::${s.a.accountId}:root`]) });
    expect((await denial(assume(s.user, t, { roleArn }))).detail.PolicyType).toBe('AssumeRolePolicy');
    await call(s.a.root, 'DeleteRole', { roleName: 'soon-untrusted' });
    expect((await denial(assume(s.user, t, { roleArn }))).code).toBe('EntityNotExist.Role');
  });
});
