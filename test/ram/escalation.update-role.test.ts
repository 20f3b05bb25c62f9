import { afterAll, beforeAll, expect, it } from 'vitest';
import { allow, call, expectApiError, grant, policyDocument, ramUserClient, startAccessFixture, trustAccount, type AccessFixture } from './access-fixture.js';

/**
 * Threat: a user who may read a powerful role rewrites its trust policy to trust itself, then
 * assumes it. UpdateRole needs an explicit ram:UpdateRole on that role.
 */
let f: AccessFixture;
let mallory: any;
let originalTrust: string;

beforeAll(async () => {
  f = await startAccessFixture('esc-role');
  mallory = await ramUserClient(f, 'mallory');
  originalTrust = trustAccount('1234567890123456');
  await call(f.root, 'CreateRole', { roleName: 'AdminRole', assumeRolePolicyDocument: originalTrust });
  await call(f.root, 'AttachPolicyToRole', { policyType: 'System', policyName: 'AdministratorAccess', roleName: 'AdminRole' });
  await grant(f, 'mallory', 'read-roles', policyDocument(allow(['ram:GetRole', 'ram:ListRoles'], `acs:ram:*:${f.accountId}:role/*`)));
});
afterAll(() => f.t.stop());

it('lets the user read the role (its narrow right works)', async () => {
  expect((await call(mallory, 'GetRole', { roleName: 'AdminRole' })).body.role.assumeRolePolicyDocument).toBe(originalTrust);
});

it('refuses rewriting the trust policy to trust itself, which stays unchanged', async () => {
  const trustMe = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${f.accountId}:user/mallory`] } }] });
  await expectApiError(call(mallory, 'UpdateRole', { roleName: 'adminrole', newAssumeRolePolicyDocument: trustMe }), 'NoPermission', 403);
  expect((await call(f.root, 'GetRole', { roleName: 'AdminRole' })).body.role.assumeRolePolicyDocument).toBe(originalTrust);
});
