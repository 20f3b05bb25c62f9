import { afterAll, beforeAll, expect, it } from 'vitest';
import { allow, call, expectApiError, grant, policyDocument, ramUserClient, startAccessFixture, type AccessFixture } from './access-fixture.js';

/**
 * Threat: a user who may edit a policy attached to itself makes an Allow-everything version the
 * default in one call. ramstack requires ram:SetDefaultPolicyVersion as well for SetAsDefault=true.
 */
let f: AccessFixture;
let mallory: any;
const ADMIN = policyDocument(allow('*'));

beforeAll(async () => {
  f = await startAccessFixture('esc-cpv');
  mallory = await ramUserClient(f, 'mallory');
  const own = `acs:ram:*:${f.accountId}:policy/mallory-policy`;
  await grant(f, 'mallory', 'mallory-policy', policyDocument(allow(['ram:CreatePolicyVersion', 'ram:GetPolicy'], own)));
});
afterAll(() => f.t.stop());

it('lets the user add a non-default version (its narrow right works)', async () => {
  const { policyVersion } = (await call(mallory, 'CreatePolicyVersion', { policyName: 'mallory-policy', policyDocument: ADMIN })).body;
  expect(policyVersion.isDefaultVersion).toBe(false);
});

it('refuses SetAsDefault=true without ram:SetDefaultPolicyVersion and creates no version', async () => {
  const before = (await call(f.root, 'ListPolicyVersions', { policyType: 'Custom', policyName: 'mallory-policy' })).body.policyVersions.policyVersion.length;
  await expectApiError(call(mallory, 'CreatePolicyVersion', { policyName: 'mallory-policy', policyDocument: ADMIN, setAsDefault: true }), 'NoPermission', 403);
  const after = (await call(f.root, 'GetPolicy', { policyType: 'Custom', policyName: 'mallory-policy' })).body;
  expect(after.policy.defaultVersion).toBe('v1');
  expect((await call(f.root, 'ListPolicyVersions', { policyType: 'Custom', policyName: 'mallory-policy' })).body.policyVersions.policyVersion).toHaveLength(before);
});

it('allows SetAsDefault=true when a policy explicitly grants ram:SetDefaultPolicyVersion on that policy', async () => {
  const trusted = await ramUserClient(f, 'trusted');
  const target = `acs:ram:*:${f.accountId}:policy/trusted-policy`;
  await grant(f, 'trusted', 'trusted-policy', policyDocument(allow(['ram:CreatePolicyVersion', 'ram:SetDefaultPolicyVersion'], target)));
  const { policyVersion } = (await call(trusted, 'CreatePolicyVersion', { policyName: 'trusted-policy', policyDocument: policyDocument(allow(['ram:CreatePolicyVersion', 'ram:SetDefaultPolicyVersion'], target)), setAsDefault: true })).body;
  expect(policyVersion).toMatchObject({ versionId: 'v2', isDefaultVersion: true });
});
