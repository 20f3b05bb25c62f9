import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ramClient } from '../helpers/sdk.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { storeKinds } from '../helpers/stores.js';
import { allow, call, expectApiError, policyDocument, startAccessFixture, type AccessFixture } from './access-fixture.js';

/**
 * A permission change reaches the authorizer's compiled-policy cache at once: the very next request
 * of the affected user sees it, and another node on the same PostgreSQL sees it within one second.
 */
const READ_POLICIES = policyDocument(allow('ram:GetPolicy'));
const probe = (client: any) => call(client, 'GetPolicy', { policyType: 'System', policyName: 'ReadOnlyAccess' });

/** Creates user `name` with an AccessKey; returns the key so clients can be pointed at any node. */
async function userKeys(f: AccessFixture, name: string) {
  await call(f.root, 'CreateUser', { userName: name });
  const key = (await call(f.root, 'CreateAccessKey', { userName: name })).body.accessKey;
  return { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret };
}

describe('on one node (SQLite)', () => {
  let f: AccessFixture;
  let user: any;
  beforeAll(async () => {
    f = await startAccessFixture('inval');
    user = ramClient(await userKeys(f, 'reader'), { endpoint: f.t.endpoint });
    await call(f.root, 'CreatePolicy', { policyName: 'read-policies', policyDocument: READ_POLICIES });
    await call(f.root, 'CreateGroup', { groupName: 'readers' });
    await call(f.root, 'AttachPolicyToGroup', { policyType: 'Custom', policyName: 'read-policies', groupName: 'readers' });
  });
  afterAll(() => f.t.stop());

  it('grants on the next request after AttachPolicyToUser and revokes on the next after DetachPolicyFromUser', async () => {
    await expectApiError(probe(user), 'NoPermission', 403); // the empty policy set is now cached
    await call(f.root, 'AttachPolicyToUser', { policyType: 'Custom', policyName: 'read-policies', userName: 'reader' });
    await probe(user);
    await call(f.root, 'DetachPolicyFromUser', { policyType: 'Custom', policyName: 'read-policies', userName: 'reader' });
    await expectApiError(probe(user), 'NoPermission', 403);
  });

  it('grants on the next request after AddUserToGroup and revokes after RemoveUserFromGroup', async () => {
    await expectApiError(probe(user), 'NoPermission', 403);
    await call(f.root, 'AddUserToGroup', { userName: 'reader', groupName: 'readers' });
    await probe(user);
    await call(f.root, 'RemoveUserFromGroup', { userName: 'reader', groupName: 'readers' });
    await expectApiError(probe(user), 'NoPermission', 403);
  });

  it('revokes on the next request after SetDefaultPolicyVersion to a narrower version', async () => {
    await call(f.root, 'CreatePolicy', { policyName: 'narrowing', policyDocument: READ_POLICIES });
    await call(f.root, 'AttachPolicyToUser', { policyType: 'Custom', policyName: 'narrowing', userName: 'reader' });
    await probe(user);
    await call(f.root, 'CreatePolicyVersion', { policyName: 'narrowing', policyDocument: policyDocument(allow('ram:ListPolicies')), setAsDefault: true });
    await expectApiError(probe(user), 'NoPermission', 403);
  });
});

describe.skipIf(!storeKinds[1]!.available)('across two nodes on one PostgreSQL schema', () => {
  let f: AccessFixture;
  let nodeB: TestServer;
  let userOnB: any;
  beforeAll(async () => {
    f = await startAccessFixture('inval-pg', { store: 'postgres' });
    // Same schema and same master key (in the data directory): B can verify the keys A issued.
    nodeB = await startTestServer({ store: 'postgres', schema: f.t.schema!, dataDir: f.t.dataDir });
    userOnB = ramClient(await userKeys(f, 'reader'), { endpoint: nodeB.endpoint });
    await call(f.root, 'CreatePolicy', { policyName: 'read-policies', policyDocument: READ_POLICIES });
  });
  afterAll(async () => {
    await nodeB?.stop();
    await f?.t.stop();
  });

  /** Polls node B until `check` holds; returns how long it took. */
  async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
    const start = Date.now();
    while (!(await check())) {
      if (Date.now() - start > ms) throw new Error(`node B did not see the change within ${ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return Date.now() - start;
  }
  const allowedOnB = () => probe(userOnB).then(() => true, () => false);
  const deniedOnB = () => probe(userOnB).then(() => false, (err: any) => err.code === 'NoPermission');

  it('node A itself grants on the very next request after an attachment (repeated: a late NOTIFY loses the race)', async () => {
    const userOnA = ramClient(await userKeys(f, 'reader-a'), { endpoint: f.t.endpoint });
    for (let round = 0; round < 5; round++) {
      await expectApiError(probe(userOnA), 'NoPermission', 403);
      await call(f.root, 'AttachPolicyToUser', { policyType: 'Custom', policyName: 'read-policies', userName: 'reader-a' });
      await probe(userOnA);
      await call(f.root, 'DetachPolicyFromUser', { policyType: 'Custom', policyName: 'read-policies', userName: 'reader-a' });
    }
  });

  it('node B sees an attachment made on node A within one second', async () => {
    await expectApiError(probe(userOnB), 'NoPermission', 403); // B caches the empty set
    await call(f.root, 'AttachPolicyToUser', { policyType: 'Custom', policyName: 'read-policies', userName: 'reader' });
    expect(await within(1000, allowedOnB)).toBeLessThan(1000);
  });

  it('node B sees a detachment made on node A within one second', async () => {
    await probe(userOnB);
    await call(f.root, 'DetachPolicyFromUser', { policyType: 'Custom', policyName: 'read-policies', userName: 'reader' });
    expect(await within(1000, deniedOnB)).toBeLessThan(1000);
  });
});
