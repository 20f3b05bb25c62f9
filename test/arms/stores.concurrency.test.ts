import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { storeKinds } from '../helpers/stores.js';
import { REGION, appNames, arms, armsAccount, type ArmsAccount } from './fixture.js';

/**
 * The app and contact sequences and the per-region name rule under concurrent writers, on both stores:
 * the counter upsert must serialize creators (src/services/arms/ids.ts).
 */
for (const kind of storeKinds) {
  describe.skipIf(!kind.available)(`ARMS writes on ${kind.name}`, () => {
    let t: TestServer;
    let a: ArmsAccount;
    beforeAll(async () => {
      t = await startTestServer({ store: kind.name });
      a = await armsAccount(t, `arms-${kind.name}`);
    });
    afterAll(() => t.stop());

    it('creates one app when ten requests race for the same name; the others answer ParameterIllegal', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () => arms(t, a.keys, 'CreateRetcodeApp', { RegionId: REGION, RetcodeAppName: 'raced', RetcodeAppType: 'web' })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(9).fill('ParameterIllegal'));
      expect(appNames(await arms(t, a.keys, 'ListTraceApps', { RegionId: REGION }))).toEqual(['raced']);
    });

    it('gives concurrently created contacts distinct IDs', async () => {
      const bodies = await Promise.all(
        Array.from({ length: 10 }, (_, i) => arms(t, a.keys, 'CreateAlertContact', { RegionId: REGION, ContactName: `c${i}`, Email: `c${i}@example.com` })),
      );
      expect(new Set(bodies.map((b) => b.ContactId)).size).toBe(10);
    });
  });
}
