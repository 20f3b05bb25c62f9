import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/store.js';
import { storeKinds, type TestStore } from '../helpers/stores.js';
import { nextMessage } from './support.js';

/** The multi-node invalidation path: a change published by one node reaches the others. */
const postgres = storeKinds.find((k) => k.name === 'postgres')!;

describe.skipIf(!postgres.available)('notifications across nodes (postgres)', () => {
  let test: TestStore;
  let otherNode: Store;

  afterEach(async () => {
    await otherNode.close();
    await test.cleanup();
  });

  it('delivers a message published on one store to a subscriber on another store of the same schema', async () => {
    test = await postgres.open();
    otherNode = await openPostgresStore({ url: test.databaseUrl!, schema: test.schema! });
    const { message } = await nextMessage(otherNode, 'policy-changed');
    await test.store.publish('policy-changed', 'acct-42');
    expect(await message).toBe('acct-42');
  });
});
