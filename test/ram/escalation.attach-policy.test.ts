import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, expectApiError, grant, policyDocument, ramUserClient, startAccessFixture, type AccessFixture } from './access-fixture.js';

/**
 * Threat: a user allowed to attach policies to other users attaches AdministratorAccess to itself,
 * to a group it is in, or to a role — directly or by spelling its own name in another case.
 */
let f: AccessFixture;
let mallory: any;

beforeAll(async () => {
  f = await startAccessFixture('esc-attach');
  mallory = await ramUserClient(f, 'mallory');
  await call(f.root, 'CreateUser', { userName: 'intern' });
  await call(f.root, 'CreateGroup', { groupName: 'mallory-group' });
  await call(f.root, 'AddUserToGroup', { userName: 'mallory', groupName: 'mallory-group' });
  const acct = f.accountId;
  await grant(f, 'mallory', 'attach-to-others', policyDocument(
    { Effect: 'Allow', Action: 'ram:AttachPolicyToUser', Resource: [`acs:ram:*:${acct}:user/*`, 'acs:ram:*:system:policy/*'] },
    { Effect: 'Deny', Action: 'ram:AttachPolicyTo*', Resource: [`acs:ram:*:${acct}:user/mallory`, `acs:ram:*:${acct}:group/*`, `acs:ram:*:${acct}:role/*`] },
  ));
});
afterAll(() => f.t.stop());

const attachedTo = async (userName: string) => (await call(f.root, 'ListPoliciesForUser', { userName })).body.policies.policy.map((p: any) => p.policyName);

it('lets the user attach a policy to another user (its narrow right works)', async () => {
  await call(mallory, 'AttachPolicyToUser', { policyType: 'System', policyName: 'ReadOnlyAccess', userName: 'intern' });
  expect(await attachedTo('intern')).toEqual(['ReadOnlyAccess']);
});

it('refuses AttachPolicyToUser on itself', async () => {
  await expectApiError(call(mallory, 'AttachPolicyToUser', { policyType: 'System', policyName: 'AdministratorAccess', userName: 'mallory' }), 'NoPermission', 403);
  expect(await attachedTo('mallory')).toEqual(['attach-to-others']);
});

it('refuses AttachPolicyToUser on itself spelled in another case', async () => {
  await expectApiError(call(mallory, 'AttachPolicyToUser', { policyType: 'System', policyName: 'AdministratorAccess', userName: 'MALLORY' }), 'NoPermission', 403);
  expect(await attachedTo('mallory')).toEqual(['attach-to-others']);
});

it('refuses AttachPolicyToGroup on a group it belongs to', async () => {
  await expectApiError(call(mallory, 'AttachPolicyToGroup', { policyType: 'System', policyName: 'AdministratorAccess', groupName: 'mallory-group' }), 'NoPermission', 403);
  expect((await call(f.root, 'ListPoliciesForGroup', { groupName: 'mallory-group' })).body.policies.policy).toEqual([]);
});
