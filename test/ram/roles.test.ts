import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectApiError, startAccessFixture, trustAccount, type AccessFixture } from './access-fixture.js';

let f: AccessFixture;
let trust: string;
beforeAll(async () => {
  f = await startAccessFixture('roles');
  trust = trustAccount(f.accountId);
});
afterAll(() => f.t.stop());

const createRole = (roleName: string, fields: Record<string, unknown> = {}) => call(f.root, 'CreateRole', { roleName, assumeRolePolicyDocument: trust, ...fields });

describe('CreateRole', () => {
  it('returns the role: numeric string RoleId, lower-cased ARN, trust document as a JSON string, default duration 3600', async () => {
    const { role } = (await createRole('ECSAdmin', { description: 'ecs admin' })).body;
    expect(role).toMatchObject({ roleName: 'ECSAdmin', arn: `acs:ram::${f.accountId}:role/ecsadmin`, description: 'ecs admin', assumeRolePolicyDocument: trust, maxSessionDuration: 3600 });
    expect(role.roleId).toMatch(/^\d{18}$/);
  });

  it('works with V1 signatures and keeps a given MaxSessionDuration', async () => {
    const { role } = (await call(f.rootV1, 'CreateRole', { roleName: 'v1-role', assumeRolePolicyDocument: trust, maxSessionDuration: 43200 })).body;
    expect(role.maxSessionDuration).toBe(43200);
  });

  it('refuses a name that differs from an existing role only by case', async () => {
    await createRole('CaseRole');
    await expectApiError(createRole('caserole'), 'EntityAlreadyExists.Role', 409);
  });

  it('refuses underscores and names over 64 characters', async () => {
    await expectApiError(createRole('bad_name'), 'InvalidParameter.RoleName.InvalidChars', 400);
    await expectApiError(createRole('r'.repeat(65)), 'InvalidParameter.RoleName.Length', 400);
  });

  it('refuses MaxSessionDuration outside 3600–43200', async () => {
    await expectApiError(createRole('short', { maxSessionDuration: 3599 }), 'InvalidParameter.MaxSessionDuration.Range', 400);
    await expectApiError(createRole('long', { maxSessionDuration: 43201 }), 'InvalidParameter.MaxSessionDuration.Range', 400);
  });

  it('refuses a trust policy without a Principal (MalformedPolicyDocument)', async () => {
    const noPrincipal = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] });
    await expectApiError(createRole('no-principal', { assumeRolePolicyDocument: noPrincipal }), 'MalformedPolicyDocument', 400);
  });

  it('refuses a Description over 1024 characters', async () => {
    await expectApiError(createRole('long-description', { description: 'd'.repeat(1025) }), 'InvalidParameter.Description.Length', 400);
  });
});

describe('GetRole', () => {
  it('finds a role regardless of case and answers its name as created', async () => {
    await createRole('MixedCase');
    const { role } = (await call(f.root, 'GetRole', { roleName: 'MIXEDCASE' })).body;
    expect(role).toMatchObject({ roleName: 'MixedCase', arn: `acs:ram::${f.accountId}:role/mixedcase`, assumeRolePolicyDocument: trust });
  });

  it('answers EntityNotExist.Role for an unknown role', async () => {
    await expectApiError(call(f.root, 'GetRole', { roleName: 'ghost' }), 'EntityNotExist.Role', 404);
  });
});

describe('UpdateRole', () => {
  it('replaces the trust policy, duration and description', async () => {
    await createRole('updatable');
    const newTrust = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['ecs.aliyuncs.com'] } }] });
    const { role } = (await call(f.root, 'UpdateRole', { roleName: 'updatable', newAssumeRolePolicyDocument: newTrust, newMaxSessionDuration: 7200, newDescription: 'changed' })).body;
    expect(role).toMatchObject({ assumeRolePolicyDocument: newTrust, maxSessionDuration: 7200, description: 'changed' });
    expect((await call(f.root, 'GetRole', { roleName: 'updatable' })).body.role.maxSessionDuration).toBe(7200);
  });

  it('refuses an out-of-range NewMaxSessionDuration and leaves the role unchanged', async () => {
    await expectApiError(call(f.root, 'UpdateRole', { roleName: 'updatable', newMaxSessionDuration: 100, newDescription: 'not applied' }), 'InvalidParameter.NewMaxSessionDuration.Range', 400);
    expect((await call(f.root, 'GetRole', { roleName: 'updatable' })).body.role.description).toBe('changed');
  });

  it('refuses a malformed new trust policy', async () => {
    await expectApiError(call(f.root, 'UpdateRole', { roleName: 'updatable', newAssumeRolePolicyDocument: '{not json' }), 'MalformedPolicyDocument', 400);
  });
});

describe('DeleteRole', () => {
  it('refuses a role with policies attached (DeleteConflict.Role.Policy)', async () => {
    await createRole('attached');
    await call(f.root, 'AttachPolicyToRole', { policyType: 'System', policyName: 'ReadOnlyAccess', roleName: 'attached' });
    await expectApiError(call(f.root, 'DeleteRole', { roleName: 'attached' }), 'DeleteConflict.Role.Policy', 409);
  });

  it('deletes a role, named in any case', async () => {
    await createRole('Doomed');
    await call(f.root, 'DeleteRole', { roleName: 'doomed' });
    await expectApiError(call(f.root, 'GetRole', { roleName: 'Doomed' }), 'EntityNotExist.Role', 404);
  });
});

describe('ListRoles', () => {
  it('pages through roles without their trust documents', async () => {
    for (const name of ['list-a', 'list-b', 'list-c']) await createRole(name);
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const body = (await call(f.root, 'ListRoles', { maxItems: 2, ...(marker ? { marker } : {}) })).body;
      for (const role of body.roles.role) {
        expect(role.assumeRolePolicyDocument).toBeUndefined();
        names.push(role.roleName);
      }
      marker = body.isTruncated ? body.marker : undefined;
      pages++;
    } while (marker);
    expect(pages).toBeGreaterThan(1);
    expect(names).toEqual(expect.arrayContaining(['list-a', 'list-b', 'list-c', 'ECSAdmin']));
    expect(new Set(names).size).toBe(names.length);
  });
});
