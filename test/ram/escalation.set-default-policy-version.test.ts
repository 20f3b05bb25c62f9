import { afterAll, beforeAll, expect, it } from 'vitest';
import { allow, call, expectApiError, grant, policyDocument, ramUserClient, startAccessFixture, type AccessFixture } from './access-fixture.js';

/**
 * Threat: a policy attached to the user has an old, permissive version; the user makes it the
 * default again. Only an explicit ram:SetDefaultPolicyVersion on that policy may do that.
 */
let f: AccessFixture;
let mallory: any;

beforeAll(async () => {
  f = await startAccessFixture('esc-sdpv');
  mallory = await ramUserClient(f, 'mallory');
  const own = `acs:ram:*:${f.accountId}:policy/mallory-policy`;
  await grant(f, 'mallory', 'mallory-policy', policyDocument(allow('*')));
  // The administrator narrowed the policy later: v2 is the default, v1 (Allow *) is still kept.
  await call(f.root, 'CreatePolicyVersion', { policyName: 'mallory-policy', policyDocument: policyDocument(allow(['ram:GetPolicy', 'ram:GetPolicyVersion', 'ram:ListPolicyVersions'], own)), setAsDefault: true });
});
afterAll(() => f.t.stop());

it('lets the user read its policy versions (its narrow right works)', async () => {
  const versions = (await call(mallory, 'ListPolicyVersions', { policyType: 'Custom', policyName: 'mallory-policy' })).body.policyVersions.policyVersion;
  expect(versions.map((v: any) => v.versionId)).toEqual(['v1', 'v2']);
});

it('refuses to make the old permissive version the default', async () => {
  await expectApiError(call(mallory, 'SetDefaultPolicyVersion', { policyName: 'mallory-policy', versionId: 'v1' }), 'NoPermission', 403);
  expect((await call(f.root, 'GetPolicy', { policyType: 'Custom', policyName: 'mallory-policy' })).body.policy.defaultVersion).toBe('v2');
});

it('refuses it also when the policy is named in another case', async () => {
  await expectApiError(call(mallory, 'SetDefaultPolicyVersion', { policyName: 'MALLORY-POLICY', versionId: 'v1' }), 'NoPermission', 403);
  expect((await call(f.root, 'GetPolicy', { policyType: 'Custom', policyName: 'mallory-policy' })).body.policy.defaultVersion).toBe('v2');
});
