import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, failure } from '../ram/access-fixture.js';
import { runCli } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { loadMasterKey } from '../../src/secrets/master-key.js';
import { Sealer } from '../../src/secrets/sealer.js';
import { rotateKeyRing } from '../../src/services/sts/key-ring-store.js';
import { openStore } from '../../src/store/index.js';
import { MAX_SESSION_SECONDS } from '../../src/tokens/index.js';
import { ROTATION_GRACE_SECONDS } from '../../src/services/sts/key-ring-store.js';
import { assume, createScenario, manualClock, sessionKeys, trustPolicy, whoAmI, type Scenario } from './fixture.js';
import type { Keys } from '../helpers/sdk.js';

const clock = manualClock();
let t: TestServer;
let s: Scenario;
beforeAll(async () => {
  t = await startTestServer({ clock: clock.now });
  s = await createScenario(t);
});
afterAll(() => t.stop());

const rejection = async (keys: Keys, options = {}) => {
  const err = await failure(whoAmI(keys, t, options));
  return { code: err.code, status: err.statusCode };
};
const newSession = async (name = 'alice') => sessionKeys(await assume(s.user, t, { roleArn: s.roleArn, roleSessionName: name }));

describe('threat: temporary credentials used beyond what they were issued for', () => {
  it('an expired token is refused with InvalidSecurityToken.Expired (403)', async () => {
    // Issue a 900 s session 450 s "ago", then move to 460 s "ahead": both within the 900 s timestamp skew.
    clock.offsetMs = -450_000;
    const keys = sessionKeys(await assume(s.user, t, { roleArn: s.roleArn, durationSeconds: 900 }));
    expect((await whoAmI(keys, t)).identityType).toBe('AssumedRoleUser');
    clock.offsetMs = 460_000;
    try {
      expect(await rejection(keys)).toEqual({ code: 'InvalidSecurityToken.Expired', status: 403 });
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('the token of another session is refused with InvalidSecurityToken.MismatchWithAccessKey', async () => {
    const mine = await newSession('mine');
    const theirs = await newSession('theirs');
    expect(await rejection({ ...mine, securityToken: theirs.securityToken! })).toEqual({ code: 'InvalidSecurityToken.MismatchWithAccessKey', status: 400 });
  });

  it('a tampered token is refused with InvalidSecurityToken.Malformed (V3 header and V1 parameter)', async () => {
    const keys = await newSession();
    const token = keys.securityToken!;
    const i = Math.floor(token.length / 2);
    const tampered = { ...keys, securityToken: token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1) };
    expect(await rejection(tampered)).toEqual({ code: 'InvalidSecurityToken.Malformed', status: 400 });
    expect(await rejection(tampered, { signatureAlgorithm: 'v2' })).toEqual({ code: 'InvalidSecurityToken.Malformed', status: 400 });
  });

  it('an STS AccessKey without its token is refused with MissingSecurityToken', async () => {
    const { securityToken: _, ...keys } = await newSession();
    expect(await rejection(keys)).toEqual({ code: 'MissingSecurityToken', status: 400 });
  });

  it('a token sealed with a rotated-out key is refused with InvalidSecurityToken.Malformed', async () => {
    const keys = await newSession();
    const store = await openStore({ dataDir: t.dataDir });
    try {
      const sealer = new Sealer(loadMasterKey(t.dataDir));
      const now = Date.now();
      await rotateKeyRing(store, sealer, now);
      // Once every session the old key could have sealed has expired, the next rotation prunes it.
      const rotation = await rotateKeyRing(store, sealer, now + (MAX_SESSION_SECONDS + ROTATION_GRACE_SECONDS) * 1000);
      expect(rotation.pruned).toHaveLength(1);
    } finally {
      await store.close();
    }
    // This store's feed does not reach the server's (SQLite, another connection): its periodic refresh does.
    await vi.waitFor(async () => expect(await rejection(keys)).toEqual({ code: 'InvalidSecurityToken.Malformed', status: 400 }), { timeout: 6000, interval: 200 });
    expect((await whoAmI(await newSession(), t)).identityType).toBe('AssumedRoleUser');
  });
});

describe('threat: a leaked session keeps working after its role\'s sessions were revoked', () => {
  it('ramstack role revoke-sessions makes every earlier session of the role, and sessions chained from them, fail with InvalidSecurityToken.Revoked', async () => {
    await call(s.a.root, 'AttachPolicyToRole', { policyType: 'System', policyName: 'AliyunSTSAssumeRoleAccess', roleName: s.roleName });
    await call(s.a.root, 'CreateRole', { roleName: 'chained-target', assumeRolePolicyDocument: trustPolicy([`acs:ram::${s.a.accountId}:root`]) });
    const leaked = await newSession('leaked');
    const chained = sessionKeys(await assume(leaked, t, { roleArn: `acs:ram::${s.a.accountId}:role/chained-target` }));

    const cli = await runCli(['role', 'revoke-sessions', '--data', t.dataDir, '--account', s.a.accountId, '--role', 'ARMS-Operator']);
    expect(cli.code).toBe(0);
    await vi.waitFor(async () => expect(await rejection(leaked)).toEqual({ code: 'InvalidSecurityToken.Revoked', status: 403 }), { timeout: 6000, interval: 200 });
    expect(await rejection(chained)).toEqual({ code: 'InvalidSecurityToken.Revoked', status: 403 });

    // Sessions issued after the cutoff (the next whole second) work.
    clock.offsetMs = 1500;
    try {
      expect((await whoAmI(await newSession('after'), t)).identityType).toBe('AssumedRoleUser');
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('ramstack role revoke-sessions refuses an unknown role with exit code 2', async () => {
    const cli = await runCli(['role', 'revoke-sessions', '--data', t.dataDir, '--account', s.a.accountId, '--role', 'nope']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('no role named nope');
  });
});
