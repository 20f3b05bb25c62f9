import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { RamModels, ramClient } from '../helpers/sdk.js';
import { storeKinds } from '../helpers/stores.js';
import { LIMITS } from '../../src/services/ram/access-common.js';

/**
 * Account quotas under concurrent creates, on PostgreSQL where transactions really run side by side:
 * without the account lock, every create that counted before the others inserted would pass.
 */
describe.skipIf(!storeKinds[1]!.available)('account quotas on PostgreSQL', () => {
  let t: TestServer;
  let ram: any;

  beforeAll(async () => {
    t = await startTestServer({ store: 'postgres' });
    const account = await t.createAccount(uniqueAlias('pg-quotas'));
    ram = ramClient({ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret }, { endpoint: t.endpoint });
  });
  afterAll(() => t?.stop());

  it('concurrent CreateGroup calls one short of the quota cannot exceed it: one succeeds, the rest are LimitExceeded.Group', async () => {
    for (let i = 0; i < LIMITS.groupsPerAccount - 1; i++) await ram.createGroup(new RamModels.CreateGroupRequest({ groupName: `g-${i}` }));
    const racers = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => ram.createGroup(new RamModels.CreateGroupRequest({ groupName: `racer-${i}` }))));
    expect(racers.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(racers.flatMap((r) => (r.status === 'rejected' ? [(r.reason as any).code] : []))).toEqual(Array(5).fill('LimitExceeded.Group'));
    let groups = 0;
    let marker: string | undefined;
    do {
      const page = (await ram.listGroups(new RamModels.ListGroupsRequest({ maxItems: 100, ...(marker ? { marker } : {}) }))).body;
      groups += page.groups.group.length;
      marker = page.isTruncated ? page.marker : undefined;
    } while (marker);
    expect(groups).toBe(LIMITS.groupsPerAccount);
  }, 120_000);
});
