import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectApiError, startAccessFixture, type AccessFixture } from './access-fixture.js';

let f: AccessFixture;
beforeAll(async () => { f = await startAccessFixture('groups'); });
afterAll(() => f.t.stop());

const DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const createGroup = (groupName: string, comments?: string) => call(f.root, 'CreateGroup', { groupName, ...(comments ? { comments } : {}) });
const createUser = (userName: string) => call(f.root, 'CreateUser', { userName });
const addUserToGroup = (userName: string, groupName: string) => call(f.root, 'AddUserToGroup', { userName, groupName });

describe('CreateGroup', () => {
  it('returns the group with a g- GroupId and a second-precision CreateDate', async () => {
    const { group } = (await createGroup('devs', 'developers')).body;
    expect(group).toMatchObject({ groupName: 'devs', comments: 'developers' });
    expect(group.groupId).toMatch(/^g-[a-z0-9]{20}$/);
    expect(group.createDate).toMatch(DATE);
  });

  it('works with V1 signatures', async () => {
    expect((await call(f.rootV1, 'CreateGroup', { groupName: 'v1-group' })).body.group.groupName).toBe('v1-group');
  });

  it('refuses a name that differs from an existing one only by case', async () => {
    await createGroup('ops');
    await expectApiError(createGroup('OPS'), 'EntityAlreadyExists.Group', 409);
  });

  it('refuses invalid characters and names over 64 characters', async () => {
    await expectApiError(createGroup('bad name'), 'InvalidParameter.GroupName.InvalidChars', 400);
    await expectApiError(createGroup('g'.repeat(65)), 'InvalidParameter.GroupName.Length', 400);
  });

  it('refuses Comments over 128 characters', async () => {
    await expectApiError(createGroup('long-comments', 'c'.repeat(129)), 'InvalidParameter.Comments.Length', 400);
  });
});

describe('GetGroup / UpdateGroup', () => {
  it('finds a group regardless of case and answers its name as created', async () => {
    await createGroup('Readers');
    const { group } = (await call(f.root, 'GetGroup', { groupName: 'readers' })).body;
    expect(group.groupName).toBe('Readers');
    expect(group.updateDate).toMatch(DATE);
  });

  it('answers EntityNotExist.Group for an unknown group', async () => {
    await expectApiError(call(f.root, 'GetGroup', { groupName: 'nobody' }), 'EntityNotExist.Group', 404);
  });

  it('renames a group and changes its comments', async () => {
    await createGroup('old-name');
    const { group } = (await call(f.root, 'UpdateGroup', { groupName: 'old-name', newGroupName: 'new-name', newComments: 'renamed' })).body;
    expect(group).toMatchObject({ groupName: 'new-name', comments: 'renamed' });
    await expectApiError(call(f.root, 'GetGroup', { groupName: 'old-name' }), 'EntityNotExist.Group', 404);
  });

  it('refuses to rename onto an existing group', async () => {
    await createGroup('rename-a');
    await createGroup('rename-b');
    await expectApiError(call(f.root, 'UpdateGroup', { groupName: 'rename-a', newGroupName: 'RENAME-B' }), 'EntityAlreadyExists.Group', 409);
  });

  it('refuses an invalid NewGroupName', async () => {
    await expectApiError(call(f.root, 'UpdateGroup', { groupName: 'devs', newGroupName: 'a b' }), 'InvalidParameter.NewGroupName.InvalidChars', 400);
  });
});

describe('ListGroups', () => {
  it('pages with Marker and MaxItems until IsTruncated is false', async () => {
    for (const name of ['page-1', 'page-2', 'page-3']) await createGroup(name);
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const body = (await call(f.root, 'ListGroups', { maxItems: 2, ...(marker ? { marker } : {}) })).body;
      seen.push(...body.groups.group.map((g: any) => g.groupName));
      expect(body.marker === undefined).toBe(!body.isTruncated);
      marker = body.marker;
      pages++;
    } while (marker);
    expect(pages).toBeGreaterThan(1);
    expect(seen).toEqual(expect.arrayContaining(['page-1', 'page-2', 'page-3', 'devs']));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses MaxItems over 100', async () => {
    await expectApiError(call(f.root, 'ListGroups', { maxItems: 101 }), 'InvalidParameter', 400);
  });
});

describe('membership', () => {
  it('adds a user to a group and lists it both ways with JoinDate', async () => {
    await createUser('member-1');
    await createGroup('club');
    await addUserToGroup('member-1', 'club');
    const groups = (await call(f.root, 'ListGroupsForUser', { userName: 'member-1' })).body.groups.group;
    expect(groups).toEqual([expect.objectContaining({ groupName: 'club', joinDate: expect.stringMatching(DATE) })]);
    const users = (await call(f.root, 'ListUsersForGroup', { groupName: 'club' })).body;
    expect(users.users.user).toEqual([expect.objectContaining({ userName: 'member-1', joinDate: expect.stringMatching(DATE) })]);
    expect(users.isTruncated).toBe(false);
  });

  it('refuses adding a user twice (EntityAlreadyExists.User.Group)', async () => {
    await createUser('member-2');
    await addUserToGroup('member-2', 'club');
    await expectApiError(addUserToGroup('member-2', 'club'), 'EntityAlreadyExists.User.Group', 409);
  });

  it('answers EntityNotExist.User and EntityNotExist.Group for unknown names', async () => {
    await expectApiError(addUserToGroup('ghost', 'club'), 'EntityNotExist.User', 404);
    await expectApiError(addUserToGroup('member-1', 'ghosts'), 'EntityNotExist.Group', 404);
  });

  it('lets a user join at most 10 groups (LimitExceeded.User.Group)', async () => {
    await createUser('joiner');
    for (let i = 0; i < 10; i++) {
      await createGroup(`limit-${i}`);
      await addUserToGroup('joiner', `limit-${i}`);
    }
    await createGroup('limit-10');
    await expectApiError(addUserToGroup('joiner', 'limit-10'), 'LimitExceeded.User.Group', 409);
  });

  it('pages ListUsersForGroup', async () => {
    await createGroup('crowd');
    for (const name of ['crowd-a', 'crowd-b', 'crowd-c']) {
      await createUser(name);
      await addUserToGroup(name, 'crowd');
    }
    const first = (await call(f.root, 'ListUsersForGroup', { groupName: 'crowd', maxItems: 2 })).body;
    expect(first.isTruncated).toBe(true);
    const second = (await call(f.root, 'ListUsersForGroup', { groupName: 'crowd', maxItems: 2, marker: first.marker })).body;
    expect([...first.users.user, ...second.users.user].map((u: any) => u.userName)).toEqual(['crowd-a', 'crowd-b', 'crowd-c']);
    expect(second.isTruncated).toBe(false);
  });

  it('removes a user from a group', async () => {
    await createUser('leaver');
    await addUserToGroup('leaver', 'club');
    await call(f.root, 'RemoveUserFromGroup', { userName: 'leaver', groupName: 'club' });
    expect((await call(f.root, 'ListGroupsForUser', { userName: 'leaver' })).body.groups.group).toEqual([]);
  });

  it('answers EntityNotExist.User.Group when removing a non-member', async () => {
    await createUser('outsider');
    await expectApiError(call(f.root, 'RemoveUserFromGroup', { userName: 'outsider', groupName: 'club' }), 'EntityNotExist.User.Group', 404);
  });
});

describe('DeleteGroup', () => {
  it('refuses a group that has members (DeleteConflict.Group.User)', async () => {
    await expectApiError(call(f.root, 'DeleteGroup', { groupName: 'club' }), 'DeleteConflict.Group.User', 409);
  });

  it('refuses a group with policies attached (DeleteConflict.Group.Policy)', async () => {
    await createGroup('with-policy');
    await call(f.root, 'AttachPolicyToGroup', { policyType: 'System', policyName: 'ReadOnlyAccess', groupName: 'with-policy' });
    await expectApiError(call(f.root, 'DeleteGroup', { groupName: 'with-policy' }), 'DeleteConflict.Group.Policy', 409);
  });

  it('deletes an empty group', async () => {
    await createGroup('empty');
    await call(f.root, 'DeleteGroup', { groupName: 'empty' });
    await expectApiError(call(f.root, 'GetGroup', { groupName: 'empty' }), 'EntityNotExist.Group', 404);
  });
});
