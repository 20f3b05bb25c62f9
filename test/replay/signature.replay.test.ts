import { afterEach, describe, expect, it } from 'vitest';
import { createNonceGuard, type NonceGuard } from '../../src/gateway/replay/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { storeKinds, type TestStore } from '../helpers/stores.js';

/** Threat: an eavesdropper re-sends a captured signed request; its SignatureNonce gives it away. */
const WINDOW_MS = 30 * 60_000;
const AK = 'LTAI5tReplayTestKey000001';

for (const kind of storeKinds) {
  describe.skipIf(!kind.available)(`signature replay (${kind.name})`, () => {
    const opened: Array<{ guard?: NonceGuard; store?: Store; test?: TestStore }> = [];

    async function guardOn(store: Store): Promise<NonceGuard> {
      const guard = await createNonceGuard(store, { windowMs: WINDOW_MS });
      opened.push({ guard });
      return guard;
    }
    async function freshStore(): Promise<TestStore> {
      const test = await kind.open();
      opened.push({ test });
      return test;
    }

    afterEach(async () => {
      for (const { guard, store, test } of opened.reverse()) {
        await guard?.close();
        await store?.close();
        await test?.cleanup();
      }
      opened.length = 0;
    });

    it('refuses a second claim of the same nonce', async () => {
      const guard = await guardOn((await freshStore()).store);
      const now = Date.now();
      expect(await guard.claim(AK, 'nonce-1', now)).toBe(true);
      expect(await guard.claim(AK, 'nonce-1', now + 1000)).toBe(false);
    });

    it('accepts the same nonce under another AccessKeyId', async () => {
      const guard = await guardOn((await freshStore()).store);
      const now = Date.now();
      expect(await guard.claim(AK, 'shared-nonce', now)).toBe(true);
      expect(await guard.claim('LTAI5tAnotherKey000000002', 'shared-nonce', now)).toBe(true);
    });

    it('does not confuse AccessKeyId and nonce boundaries', async () => {
      const guard = await guardOn((await freshStore()).store);
      const now = Date.now();
      expect(await guard.claim('LTAIab', 'c', now)).toBe(true);
      expect(await guard.claim('LTAIa', 'bc', now)).toBe(true);
    });

    it('forgets a nonce once the window (and its minute bucket) has passed', async () => {
      const guard = await guardOn((await freshStore()).store);
      const now = Date.now();
      expect(await guard.claim(AK, 'nonce-late', now)).toBe(true);
      await guard.flush();
      expect(await guard.claim(AK, 'nonce-late', now + WINDOW_MS - 1)).toBe(false);
      expect(await guard.claim(AK, 'nonce-late', now + WINDOW_MS + 60_000)).toBe(true);
    });

    it('refuses a replay after a restart', async () => {
      const test = await freshStore();
      const first = await createNonceGuard(test.store, { windowMs: WINDOW_MS });
      const now = Date.now();
      expect(await first.claim(AK, 'before-restart', now)).toBe(true);
      await first.close();
      await test.store.close();

      const reopened = await openStore(test);
      opened.push({ store: reopened });
      const second = await guardOn(reopened);
      expect(await second.claim(AK, 'before-restart', now + 5000)).toBe(false);
      expect(await second.claim(AK, 'after-restart', now + 5000)).toBe(true);
    });
  });
}
