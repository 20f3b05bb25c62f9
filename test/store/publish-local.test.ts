import { afterEach, describe, expect, it } from 'vitest';
import { storeKinds, type TestStore } from '../helpers/stores.js';

for (const kind of storeKinds) {
  describe.skipIf(!kind.available)(`publish on ${kind.name}`, () => {
    let opened: TestStore | undefined;
    afterEach(async () => {
      await opened?.cleanup();
      opened = undefined;
    });

    it('has delivered to this node\'s own subscribers by the time it resolves', async () => {
      opened = await kind.open();
      const received: string[] = [];
      await opened.store.subscribe('permissions', (payload) => received.push(payload));
      await opened.store.publish('permissions', '1234567890123456');
      expect(received).toContain('1234567890123456');
    });
  });
}
