import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../helpers/stores.js';
import { allow, call, policyDocument, startAccessFixture, trustAccount, type AccessFixture } from './access-fixture.js';

/**
 * The happy path of every group, role, policy and attachment action, on SQLite and on PostgreSQL
 * (where writes lock rows and a missing PostgreSQL is reported by the global setup).
 */
describe.each(storeKinds.map((kind) => ({ name: kind.name, kind })))('RAM access happy path on $name', ({ name, kind }) => {
  let f: AccessFixture;
  beforeAll(async () => {
    if (kind.available) f = await startAccessFixture(`happy-${name}`, { store: name });
  });
  afterAll(() => f?.t.stop());

  describe.skipIf(!kind.available)('every action once', () => {
    it('manages a group and its members', async () => {
      await call(f.root, 'CreateUser', { userName: 'alice' });
      await call(f.root, 'CreateGroup', { groupName: 'devs', comments: 'c' });
      await call(f.root, 'UpdateGroup', { groupName: 'devs', newComments: 'developers' });
      await call(f.root, 'AddUserToGroup', { userName: 'alice', groupName: 'devs' });
      expect((await call(f.root, 'GetGroup', { groupName: 'devs' })).body.group.comments).toBe('developers');
      expect((await call(f.root, 'ListGroups')).body.groups.group.map((g: any) => g.groupName)).toEqual(['devs']);
      expect((await call(f.root, 'ListGroupsForUser', { userName: 'alice' })).body.groups.group).toHaveLength(1);
      expect((await call(f.root, 'ListUsersForGroup', { groupName: 'devs' })).body.users.user).toHaveLength(1);
      await call(f.root, 'RemoveUserFromGroup', { userName: 'alice', groupName: 'devs' });
      await call(f.root, 'DeleteGroup', { groupName: 'devs' });
    });

    it('manages a role', async () => {
      await call(f.root, 'CreateRole', { roleName: 'Ops', assumeRolePolicyDocument: trustAccount(f.accountId) });
      await call(f.root, 'UpdateRole', { roleName: 'ops', newMaxSessionDuration: 7200 });
      expect((await call(f.root, 'GetRole', { roleName: 'OPS' })).body.role).toMatchObject({ roleName: 'Ops', maxSessionDuration: 7200 });
      expect((await call(f.root, 'ListRoles')).body.roles.role).toHaveLength(1);
      await call(f.root, 'DeleteRole', { roleName: 'Ops' });
    });

    it('manages a policy, its versions and its attachments', async () => {
      const policyName = 'ecs-read';
      await call(f.root, 'CreatePolicy', { policyName, policyDocument: policyDocument(allow('ecs:Describe*')) });
      await call(f.root, 'UpdatePolicyDescription', { policyName, newDescription: 'd' });
      await call(f.root, 'CreatePolicyVersion', { policyName, policyDocument: policyDocument(allow('ecs:List*')), setAsDefault: true });
      await call(f.root, 'SetDefaultPolicyVersion', { policyName, versionId: 'v1' });
      expect((await call(f.root, 'GetPolicyVersion', { policyType: 'Custom', policyName, versionId: 'v2' })).body.policyVersion.isDefaultVersion).toBe(false);
      expect((await call(f.root, 'ListPolicyVersions', { policyType: 'Custom', policyName })).body.policyVersions.policyVersion).toHaveLength(2);
      await call(f.root, 'DeletePolicyVersion', { policyName, versionId: 'v2' });
      await call(f.root, 'AttachPolicyToUser', { policyType: 'Custom', policyName, userName: 'alice' });
      expect((await call(f.root, 'GetPolicy', { policyType: 'Custom', policyName })).body.policy.attachmentCount).toBe(1);
      expect((await call(f.root, 'ListPoliciesForUser', { userName: 'alice' })).body.policies.policy).toHaveLength(1);
      expect((await call(f.root, 'ListEntitiesForPolicy', { policyType: 'Custom', policyName })).body.users.user).toHaveLength(1);
      expect((await call(f.root, 'ListPolicies', { policyType: 'Custom' })).body.policies.policy).toHaveLength(1);
      await call(f.root, 'DetachPolicyFromUser', { policyType: 'Custom', policyName, userName: 'alice' });
      await call(f.root, 'DeletePolicy', { policyName });
    });

    it('numbers concurrent policy versions without gaps or clashes', async () => {
      await call(f.root, 'CreatePolicy', { policyName: 'raced', policyDocument: policyDocument(allow('ecs:Describe*')) });
      const created = await Promise.all([2, 3, 4, 5].map((n) =>
        call(f.root, 'CreatePolicyVersion', { policyName: 'raced', policyDocument: policyDocument(allow(`ecs:Describe${n}`)) })));
      expect(created.map((r) => r.body.policyVersion.versionId).sort()).toEqual(['v2', 'v3', 'v4', 'v5']);
    });
  });
});
