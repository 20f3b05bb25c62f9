import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allow, call, expectApiError, policyDocument, startAccessFixture, trustAccount, type AccessFixture } from './access-fixture.js';

let f: AccessFixture;
beforeAll(async () => { f = await startAccessFixture('attach'); });
afterAll(() => f.t.stop());

/** The three principal kinds share one behaviour; each case creates its own principal. */
const KINDS = [
  { kind: 'User', param: 'userName', create: (name: string) => call(f.root, 'CreateUser', { userName: name }) },
  { kind: 'Group', param: 'groupName', create: (name: string) => call(f.root, 'CreateGroup', { groupName: name }) },
  { kind: 'Role', param: 'roleName', create: (name: string) => call(f.root, 'CreateRole', { roleName: name, assumeRolePolicyDocument: trustAccount(f.accountId) }) },
] as const;

let policySeq = 0;
const newPolicy = async () => {
  const policyName = `attach-${++policySeq}`;
  await call(f.root, 'CreatePolicy', { policyName, policyDocument: policyDocument(allow('ecs:DescribeInstances')) });
  return policyName;
};

describe.each(KINDS)('policies attached to a $kind', ({ kind, param, create }) => {
  const attach = (name: string, policyType: string, policyName: string, client = f.root) => call(client, `AttachPolicyTo${kind}`, { policyType, policyName, [param]: name });
  const detach = (name: string, policyType: string, policyName: string) => call(f.root, `DetachPolicyFrom${kind}`, { policyType, policyName, [param]: name });
  const listed = async (name: string) => (await call(f.root, `ListPoliciesFor${kind}`, { [param]: name })).body.policies.policy;

  it('attaches a custom and a system policy and lists them with AttachDate', async () => {
    const name = `${kind.toLowerCase()}-both`;
    await create(name);
    const custom = await newPolicy();
    await attach(name, 'Custom', custom);
    await attach(name, 'System', 'ReadOnlyAccess', f.rootV1);
    const policies = await listed(name);
    expect(policies).toEqual(expect.arrayContaining([
      expect.objectContaining({ policyName: custom, policyType: 'Custom', defaultVersion: 'v1', attachDate: expect.stringMatching(/Z$/) }),
      expect.objectContaining({ policyName: 'ReadOnlyAccess', policyType: 'System' }),
    ]));
    expect(policies).toHaveLength(2);
  });

  it(`resolves a system policy named in another case and refuses it twice (EntityAlreadyExists.${kind}.Policy)`, async () => {
    const name = `${kind.toLowerCase()}-dup`;
    await create(name);
    await attach(name, 'System', 'aliyunstsassumeroleaccess');
    expect((await listed(name)).map((p: any) => p.policyName)).toEqual(['AliyunSTSAssumeRoleAccess']);
    await expectApiError(attach(name, 'System', 'AliyunSTSAssumeRoleAccess'), `EntityAlreadyExists.${kind}.Policy`, 409);
  });

  it('detaches a policy', async () => {
    const name = `${kind.toLowerCase()}-detach`;
    await create(name);
    const custom = await newPolicy();
    await attach(name, 'Custom', custom);
    await detach(name, 'Custom', custom);
    expect(await listed(name)).toEqual([]);
  });

  it(`answers EntityNotExist.${kind}.Policy when detaching a policy that is not attached`, async () => {
    const name = `${kind.toLowerCase()}-never`;
    await create(name);
    await expectApiError(detach(name, 'Custom', await newPolicy()), `EntityNotExist.${kind}.Policy`, 404);
  });

  it(`answers EntityNotExist.${kind} and EntityNotExist.Policy for unknown names`, async () => {
    await expectApiError(attach('nobody-here', 'System', 'ReadOnlyAccess'), `EntityNotExist.${kind}`, 404);
    await expectApiError(attach(`${kind.toLowerCase()}-both`, 'Custom', 'no-such-policy'), 'EntityNotExist.Policy', 404);
  });

  it(`allows at most 10 custom policies (LimitExceeded.${kind}.Policy)`, async () => {
    const name = `${kind.toLowerCase()}-full`;
    await create(name);
    for (let i = 0; i < 10; i++) await attach(name, 'Custom', await newPolicy());
    await expectApiError(attach(name, 'Custom', await newPolicy()), `LimitExceeded.${kind}.Policy`, 409);
    // System policies have a quota of their own.
    await attach(name, 'System', 'ReadOnlyAccess');
  });
});

describe('ListEntitiesForPolicy', () => {
  it('lists the users, groups and roles a policy is attached to', async () => {
    const policyName = await newPolicy();
    await call(f.root, 'AttachPolicyToUser', { policyType: 'Custom', policyName, userName: 'user-both' });
    await call(f.root, 'AttachPolicyToGroup', { policyType: 'Custom', policyName, groupName: 'group-both' });
    await call(f.root, 'AttachPolicyToRole', { policyType: 'Custom', policyName, roleName: 'role-both' });
    const body = (await call(f.root, 'ListEntitiesForPolicy', { policyType: 'Custom', policyName })).body;
    expect(body.users.user).toEqual([expect.objectContaining({ userName: 'user-both', userId: expect.stringMatching(/^\d+$/) })]);
    expect(body.groups.group).toEqual([expect.objectContaining({ groupName: 'group-both' })]);
    expect(body.roles.role).toEqual([expect.objectContaining({ roleName: 'role-both', arn: `acs:ram::${f.accountId}:role/role-both` })]);
  });
});
