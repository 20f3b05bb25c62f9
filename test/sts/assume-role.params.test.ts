import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, failure } from '../ram/access-fixture.js';
import { type TestServer } from '../helpers/server.js';
import { assume, startScenario, sessionKeys, trustPolicy, type AssumeFields, type Scenario } from './fixture.js';

let t: TestServer;
let s: Scenario;
beforeAll(async () => {
  ({ t, s } = await startScenario());
  // The role's sessions may chain into roles of A that trust A.
  await call(s.a.root, 'AttachPolicyToRole', { policyType: 'System', policyName: 'AliyunSTSAssumeRoleAccess', roleName: s.roleName });
  await call(s.a.root, 'CreateRole', { roleName: 'source-next', assumeRolePolicyDocument: trustPolicy([`acs:ram::${s.a.accountId}:root`]) });
});
afterAll(() => t.stop());

async function refusal(fields: Partial<AssumeFields>, keys = s.user): Promise<{ code: string; status: number; message: string }> {
  const err = await failure(assume(keys, t, { roleArn: s.roleArn, ...fields }));
  return { code: err.code, status: err.statusCode, message: err.data?.Message };
}

const lifetime = (body: any) => Math.round((Date.parse(body.credentials.expiration) - Date.now()) / 1000);

describe('AssumeRole parameters (api-facts §1.2)', () => {
  it.each([
    ['not an ARN', 'arms-operator'],
    ['a user ARN', 'acs:ram::1234567890123456:user/alice'],
    ['a non-numeric account', 'acs:ram::abc:role/x'],
  ])('RoleArn %s: InvalidParameter.RoleArn', async (_what, roleArn) => {
    expect(await refusal({ roleArn })).toEqual({ code: 'InvalidParameter.RoleArn', status: 400, message: 'The parameter RoleArn is wrongly formed.' });
  });

  it.each([['one character', 'x'], ['65 characters', 'a'.repeat(65)], ['a space', 'al ice'], ['a slash', 'al/ice']])(
    'RoleSessionName with %s: InvalidParameter.RoleSessionName',
    async (_what, roleSessionName) => {
      expect((await refusal({ roleSessionName })).code).toBe('InvalidParameter.RoleSessionName');
    },
  );

  it('RoleSessionName accepts 2–64 characters of [A-Za-z0-9.@_-]', async () => {
    expect((await assume(s.user, t, { roleArn: s.roleArn, roleSessionName: 'a.b@c_d-e' })).assumedRoleUser.arn).toMatch(/\/a\.b@c_d-e$/);
  });

  it('duration out of range: below 900 s is InvalidParameter.DurationSeconds', async () => {
    expect(await refusal({ durationSeconds: 899 })).toEqual({ code: 'InvalidParameter.DurationSeconds', status: 400, message: 'The Min/Max value of DurationSeconds is 15min/1hr.' });
  });

  it('duration out of range: above the role\'s MaxSessionDuration is InvalidParameter.DurationSeconds', async () => {
    expect((await refusal({ durationSeconds: 3601 })).code).toBe('InvalidParameter.DurationSeconds');
  });

  it('DurationSeconds defaults to 3600 and may reach the role\'s MaxSessionDuration', async () => {
    expect(lifetime(await assume(s.user, t, { roleArn: s.roleArn }))).toBeGreaterThan(3590);
    await call(s.a.root, 'CreateRole', { roleName: 'long-sessions', maxSessionDuration: 43200, assumeRolePolicyDocument: trustPolicy([`acs:ram::${s.b.accountId}:root`]) });
    expect(lifetime(await assume(s.user, t, { roleArn: `acs:ram::${s.a.accountId}:role/long-sessions`, durationSeconds: 43200 }))).toBeGreaterThan(43190);
  });

  it('role chaining is capped at 3600 s even when the next role allows longer', async () => {
    await call(s.a.root, 'CreateRole', { roleName: 'chain-long', maxSessionDuration: 43200, assumeRolePolicyDocument: trustPolicy([`acs:ram::${s.a.accountId}:root`]) });
    const session = sessionKeys(await assume(s.user, t, { roleArn: s.roleArn }));
    const next = `acs:ram::${s.a.accountId}:role/chain-long`;
    expect((await refusal({ roleArn: next, durationSeconds: 3601 }, session)).code).toBe('InvalidParameter.DurationSeconds');
    expect(lifetime(await assume(session, t, { roleArn: next, durationSeconds: 3600 }))).toBeGreaterThan(3590);
  });

  it('session policy larger than 2048 bytes: InvalidParameter.PolicySize', async () => {
    const policy = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'arms:*', Resource: `acs:arms:*:*:${'x'.repeat(2100)}` }] });
    expect(await refusal({ policy })).toEqual({ code: 'InvalidParameter.PolicySize', status: 400, message: 'The size of Policy must be smaller than 2048 bytes.' });
  });

  it.each([['not JSON', '{'], ['no Statement', '{"Version":"1"}'], ['a Principal in a session policy', JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Principal: { RAM: ['acs:ram::1:root'] } }] })]])(
    'session policy with %s: InvalidParameter.PolicyGrammar',
    async (_what, policy) => {
      const r = await refusal({ policy });
      expect(r.code).toBe('InvalidParameter.PolicyGrammar');
      expect(r.message).toMatch(/^The parameter Policy has not passed grammar check\./);
    },
  );

  it.each([['one character', 'x'], ['a space', 'ab cd'], ['1225 characters', 'a'.repeat(1225)]])('ExternalId with %s: InvalidParameter.ExternalId', async (_what, externalId) => {
    expect((await refusal({ externalId })).code).toBe('InvalidParameter.ExternalId');
  });

  it.each([['one character', 'x'], ['the reserved prefix acs:', 'acs:admin'], ['the reserved prefix aliyun:', 'aliyun:x'], ['65 characters', 'a'.repeat(65)]])(
    'SourceIdentity with %s: InvalidParameter.SourceIdentity',
    async (_what, sourceIdentity) => {
      expect((await refusal({ sourceIdentity })).code).toBe('InvalidParameter.SourceIdentity');
    },
  );
});

describe('SourceIdentity', () => {
  it('is echoed in the response and persists into chained sessions', async () => {
    const first = await assume(s.user, t, { roleArn: s.roleArn, sourceIdentity: 'Alice' });
    expect(first.sourceIdentity).toBe('Alice');
    const chained = await assume(sessionKeys(first), t, { roleArn: `acs:ram::${s.a.accountId}:role/source-next` });
    expect(chained.sourceIdentity).toBe('Alice');
  });

  it('cannot be changed along a role chain', async () => {
    const first = sessionKeys(await assume(s.user, t, { roleArn: s.roleArn, sourceIdentity: 'Alice' }));
    const r = await refusal({ roleArn: `acs:ram::${s.a.accountId}:role/source-next`, sourceIdentity: 'Mallory' }, first);
    expect(r).toMatchObject({ code: 'InvalidParameter.SourceIdentity', status: 400 });
  });
});
