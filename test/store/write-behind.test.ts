import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { storeKinds, type TestStore } from '../helpers/stores.js';

for (const kind of storeKinds) {
  describe.skipIf(!kind.available)(`writeBehind on ${kind.name}`, () => {
    let opened: TestStore | undefined;
    afterEach(async () => {
      await opened?.cleanup();
      opened = undefined;
    });

    it('commits a batch as one transaction: a failing statement leaves none of the batch', async () => {
      opened = await kind.open();
      const { store } = opened;
      const ok = store.db.insertInto('counters').values({ name: 'a', value: 1 }).compile();
      const duplicate = store.db.insertInto('counters').values({ name: 'a', value: 2 }).compile();
      await expect(store.writeBehind([ok, duplicate])).rejects.toThrow();
      expect(await store.db.selectFrom('counters').selectAll().execute()).toEqual([]);
      await store.writeBehind([ok]);
      expect(await store.db.selectFrom('counters').selectAll().execute()).toEqual([{ name: 'a', value: 1 }]);
    });

    it('appendBehind inserts every row with its values in the order of the columns given', async () => {
      opened = await kind.open();
      const { store } = opened;
      await store.appendBehind('counters', ['value', 'name'], [[1, 'a'], [2, 'b'], [3, 'c']]);
      expect(await store.db.selectFrom('counters').selectAll().orderBy('name').execute()).toEqual([
        { name: 'a', value: 1 },
        { name: 'b', value: 2 },
        { name: 'c', value: 3 },
      ]);
    });

    it('appendBehind commits its rows as one transaction: a failing row leaves none of them', async () => {
      opened = await kind.open();
      const { store } = opened;
      await expect(store.appendBehind('counters', ['name', 'value'], [['x', 1], ['y', 2], ['x', 3]])).rejects.toThrow();
      expect(await store.db.selectFrom('counters').selectAll().execute()).toEqual([]);
    });

    it('keeps every batch sent before close, across a reopen', async () => {
      opened = await kind.open();
      const { store } = opened;
      const batches = Array.from({ length: 20 }, (_, i) => store.writeBehind([store.db.insertInto('counters').values({ name: `c${i}`, value: i }).compile()]));
      await store.close();
      await Promise.all(batches);
      const reopened = await openStore({ dataDir: opened.dataDir, ...(opened.databaseUrl ? { databaseUrl: opened.databaseUrl } : {}), ...(opened.schema ? { schema: opened.schema } : {}) });
      try {
        expect(await reopened.db.selectFrom('counters').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()).toEqual({ n: 20 });
      } finally {
        await reopened.close();
      }
    });
  });
}
