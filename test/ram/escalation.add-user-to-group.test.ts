import { afterAll, beforeAll, expect, it } from 'vitest';
import { allow, call, expectApiError, grant, policyDocument, ramUserClient, startAccessFixture, type AccessFixture } from './access-fixture.js';

/** Threat: a user who manages one group's members adds itself to a more powerful group. */
let f: AccessFixture;
let mallory: any;

beforeAll(async () => {
  f = await startAccessFixture('esc-group');
  mallory = await ramUserClient(f, 'mallory');
  await call(f.root, 'CreateUser', { userName: 'intern' });
  await call(f.root, 'CreateGroup', { groupName: 'interns' });
  await call(f.root, 'CreateGroup', { groupName: 'admins' });
  await call(f.root, 'AttachPolicyToGroup', { policyType: 'System', policyName: 'AdministratorAccess', groupName: 'admins' });
  await grant(f, 'mallory', 'manage-interns', policyDocument(allow('ram:AddUserToGroup', [`acs:ram:*:${f.accountId}:user/*`, `acs:ram:*:${f.accountId}:group/interns`])));
});
afterAll(() => f.t.stop());

const groupsOf = async (userName: string) => (await call(f.root, 'ListGroupsForUser', { userName })).body.groups.group.map((g: any) => g.groupName);

it('lets the user add someone to the group it manages (its narrow right works)', async () => {
  await call(mallory, 'AddUserToGroup', { userName: 'intern', groupName: 'interns' });
  expect(await groupsOf('intern')).toEqual(['interns']);
});

it('refuses adding itself to the administrators group', async () => {
  await expectApiError(call(mallory, 'AddUserToGroup', { userName: 'mallory', groupName: 'admins' }), 'NoPermission', 403);
  await expectApiError(call(mallory, 'AddUserToGroup', { userName: 'mallory', groupName: 'ADMINS' }), 'NoPermission', 403);
  expect(await groupsOf('mallory')).toEqual([]);
});
