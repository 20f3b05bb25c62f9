import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allow, call, expectApiError, policyDocument, startAccessFixture, type AccessFixture } from './access-fixture.js';

let f: AccessFixture;
beforeAll(async () => { f = await startAccessFixture('policies'); });
afterAll(() => f.t.stop());

const DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const docV = (n: number) => policyDocument(allow(`ecs:Describe${n}`));
const createPolicy = (policyName: string, fields: Record<string, unknown> = {}) => call(f.root, 'CreatePolicy', { policyName, policyDocument: docV(1), ...fields });
const createVersion = (policyName: string, n: number, fields: Record<string, unknown> = {}) => call(f.root, 'CreatePolicyVersion', { policyName, policyDocument: docV(n), ...fields });
const versionIds = async (policyName: string) =>
  (await call(f.root, 'ListPolicyVersions', { policyType: 'Custom', policyName })).body.policyVersions.policyVersion.map((v: any) => v.versionId);

describe('CreatePolicy', () => {
  it('returns a Custom policy with default version v1', async () => {
    const { policy } = (await createPolicy('ecs-read', { description: 'read ECS' })).body;
    expect(policy).toMatchObject({ policyName: 'ecs-read', policyType: 'Custom', description: 'read ECS', defaultVersion: 'v1' });
    expect(policy.createDate).toMatch(DATE);
  });

  it('works with V1 signatures', async () => {
    expect((await call(f.rootV1, 'CreatePolicy', { policyName: 'v1-policy', policyDocument: docV(1) })).body.policy.defaultVersion).toBe('v1');
  });

  it('refuses a name that differs from an existing policy only by case', async () => {
    await createPolicy('dup-policy');
    await expectApiError(createPolicy('DUP-policy'), 'EntityAlreadyExists.Policy', 409);
  });

  it('refuses names with dots or over 128 characters', async () => {
    await expectApiError(createPolicy('bad.name'), 'InvalidParameter.PolicyName.InvalidChars', 400);
    await expectApiError(createPolicy('p'.repeat(129)), 'InvalidParameter.PolicyName.Length', 400);
  });

  it('refuses a statement without Action (MalformedPolicyDocument)', async () => {
    const noAction = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Resource: '*' }] });
    await expectApiError(createPolicy('no-action', { policyDocument: noAction }), 'MalformedPolicyDocument', 400);
  });

  it('refuses a document over 6144 characters', async () => {
    const big = policyDocument(allow(Array.from({ length: 400 }, (_, i) => `ecs:DescribeThing${i}`)));
    expect(big.length).toBeGreaterThan(6144);
    await expectApiError(createPolicy('too-big', { policyDocument: big }), 'InvalidParameter.PolicyDocument.Length', 400);
  });
});

describe('GetPolicy', () => {
  it('answers a custom policy with its default version document and AttachmentCount', async () => {
    const body = (await call(f.root, 'GetPolicy', { policyType: 'Custom', policyName: 'ECS-READ' })).body;
    expect(body.policy).toMatchObject({ policyName: 'ecs-read', policyType: 'Custom', defaultVersion: 'v1', attachmentCount: 0 });
    expect(body.defaultPolicyVersion).toMatchObject({ versionId: 'v1', isDefaultVersion: true, policyDocument: docV(1) });
  });

  it('answers a system policy named in any case with its canonical name', async () => {
    const body = (await call(f.root, 'GetPolicy', { policyType: 'System', policyName: 'administratoraccess' })).body;
    expect(body.policy).toMatchObject({ policyName: 'AdministratorAccess', policyType: 'System', defaultVersion: 'v1' });
    expect(JSON.parse(body.defaultPolicyVersion.policyDocument)).toEqual({ Statement: [{ Action: '*', Effect: 'Allow', Resource: '*' }], Version: '1' });
  });

  it('refuses an unknown PolicyType', async () => {
    await expectApiError(call(f.root, 'GetPolicy', { policyType: 'Managed', policyName: 'ecs-read' }), 'InvalidParameter.PolicyType', 400);
  });

  it('answers EntityNotExist.Policy for unknown custom and system names', async () => {
    await expectApiError(call(f.root, 'GetPolicy', { policyType: 'Custom', policyName: 'ghost' }), 'EntityNotExist.Policy', 404);
    await expectApiError(call(f.root, 'GetPolicy', { policyType: 'System', policyName: 'AliyunNoSuchAccess' }), 'EntityNotExist.Policy', 404);
  });
});

describe('UpdatePolicyDescription', () => {
  it('changes the description', async () => {
    const { policy } = (await call(f.root, 'UpdatePolicyDescription', { policyName: 'ecs-read', newDescription: 'new words' })).body;
    expect(policy.description).toBe('new words');
  });
});

describe('ListPolicies', () => {
  it('filters by PolicyType', async () => {
    const custom = (await call(f.root, 'ListPolicies', { policyType: 'Custom' })).body.policies.policy;
    expect(custom.every((p: any) => p.policyType === 'Custom')).toBe(true);
    expect(custom.map((p: any) => p.policyName)).toContain('ecs-read');
    const system = (await call(f.root, 'ListPolicies', { policyType: 'System' })).body.policies.policy;
    expect(system.map((p: any) => p.policyName)).toContain('AliyunSTSAssumeRoleAccess');
  });

  it('pages through system then custom policies without repeats', async () => {
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const body = (await call(f.root, 'ListPolicies', { maxItems: 3, ...(marker ? { marker } : {}) })).body;
      names.push(...body.policies.policy.map((p: any) => `${p.policyType}/${p.policyName}`));
      marker = body.isTruncated ? body.marker : undefined;
      pages++;
    } while (marker);
    expect(pages).toBeGreaterThan(2);
    expect(names).toEqual(expect.arrayContaining(['System/AdministratorAccess', 'Custom/ecs-read']));
    expect(new Set(names).size).toBe(names.length);
  });

  it('counts attachments', async () => {
    await call(f.root, 'CreateUser', { userName: 'counted' });
    await call(f.root, 'AttachPolicyToUser', { policyType: 'System', policyName: 'ReadOnlyAccess', userName: 'counted' });
    const system = (await call(f.root, 'ListPolicies', { policyType: 'System' })).body.policies.policy;
    expect(system.find((p: any) => p.policyName === 'ReadOnlyAccess').attachmentCount).toBe(1);
  });
});

describe('policy versions', () => {
  it('creates v2 without making it the default', async () => {
    await createPolicy('versioned');
    const { policyVersion } = (await createVersion('versioned', 2)).body;
    expect(policyVersion).toMatchObject({ versionId: 'v2', isDefaultVersion: false, policyDocument: docV(2) });
    expect((await call(f.root, 'GetPolicy', { policyType: 'Custom', policyName: 'versioned' })).body.policy.defaultVersion).toBe('v1');
  });

  it('makes a new version the default with SetAsDefault', async () => {
    const { policyVersion } = (await createVersion('versioned', 3, { setAsDefault: true })).body;
    expect(policyVersion).toMatchObject({ versionId: 'v3', isDefaultVersion: true });
    expect((await call(f.root, 'GetPolicy', { policyType: 'Custom', policyName: 'versioned' })).body.defaultPolicyVersion.policyDocument).toBe(docV(3));
  });

  it('keeps at most 5 versions (LimitExceeded.Policy.Version)', async () => {
    await createPolicy('five');
    for (let n = 2; n <= 5; n++) await createVersion('five', n);
    await expectApiError(createVersion('five', 6), 'LimitExceeded.Policy.Version', 409);
    expect(await versionIds('five')).toEqual(['v1', 'v2', 'v3', 'v4', 'v5']);
  });

  it('evicts the oldest non-default version with RotateStrategy', async () => {
    await createPolicy('rotating');
    for (let n = 2; n <= 5; n++) await createVersion('rotating', n);
    const { policyVersion } = (await createVersion('rotating', 6, { rotateStrategy: 'DeleteOldestNonDefaultVersionWhenLimitExceeded' })).body;
    expect(policyVersion.versionId).toBe('v6');
    expect(await versionIds('rotating')).toEqual(['v1', 'v3', 'v4', 'v5', 'v6']);
  });

  it('gets one version and refuses a malformed or unknown VersionId', async () => {
    expect((await call(f.root, 'GetPolicyVersion', { policyType: 'Custom', policyName: 'versioned', versionId: 'v2' })).body.policyVersion).toMatchObject({ versionId: 'v2', isDefaultVersion: false });
    await expectApiError(call(f.root, 'GetPolicyVersion', { policyType: 'Custom', policyName: 'versioned', versionId: '2' }), 'InvalidParameter.VersionId.Format', 400);
    await expectApiError(call(f.root, 'GetPolicyVersion', { policyType: 'Custom', policyName: 'versioned', versionId: 'v9' }), 'EntityNotExist.Policy.Version', 404);
  });

  it('lists a system policy as its one published version', async () => {
    const versions = (await call(f.root, 'ListPolicyVersions', { policyType: 'System', policyName: 'AdministratorAccess' })).body.policyVersions.policyVersion;
    expect(versions).toEqual([expect.objectContaining({ versionId: 'v1', isDefaultVersion: true })]);
  });

  it('sets an older version as the default', async () => {
    await call(f.root, 'SetDefaultPolicyVersion', { policyName: 'versioned', versionId: 'v1' });
    expect((await call(f.root, 'GetPolicy', { policyType: 'Custom', policyName: 'versioned' })).body.policy.defaultVersion).toBe('v1');
  });

  it('refuses to delete the default version and deletes another', async () => {
    await expectApiError(call(f.root, 'DeletePolicyVersion', { policyName: 'versioned', versionId: 'v1' }), 'DeleteConflict.Policy.Version.Default', 409);
    await call(f.root, 'DeletePolicyVersion', { policyName: 'versioned', versionId: 'v2' });
    expect(await versionIds('versioned')).toEqual(['v1', 'v3']);
  });
});

describe('DeletePolicy', () => {
  it('refuses a policy that is still attached (DeleteConflict.Policy.User)', async () => {
    await createPolicy('in-use');
    await call(f.root, 'CreateUser', { userName: 'holder' });
    await call(f.root, 'AttachPolicyToUser', { policyType: 'Custom', policyName: 'in-use', userName: 'holder' });
    await expectApiError(call(f.root, 'DeletePolicy', { policyName: 'in-use' }), 'DeleteConflict.Policy.User', 409);
  });

  it('refuses a policy with non-default versions unless CascadingDelete', async () => {
    await createPolicy('layered');
    await createVersion('layered', 2);
    await expectApiError(call(f.root, 'DeletePolicy', { policyName: 'layered' }), 'DeleteConflict.Policy.Version', 409);
    await call(f.root, 'DeletePolicy', { policyName: 'layered', cascadingDelete: true });
    await expectApiError(call(f.root, 'GetPolicy', { policyType: 'Custom', policyName: 'layered' }), 'EntityNotExist.Policy', 404);
  });

  it('deletes a detached single-version policy', async () => {
    await createPolicy('short-lived');
    await call(f.root, 'DeletePolicy', { policyName: 'short-lived' });
    await expectApiError(call(f.root, 'GetPolicy', { policyType: 'Custom', policyName: 'short-lived' }), 'EntityNotExist.Policy', 404);
  });
});
