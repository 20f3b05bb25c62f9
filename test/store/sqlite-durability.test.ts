import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { storeKinds, type TestStore } from '../helpers/stores.js';

/** Acknowledged writes survive a power cut: WAL journal, synchronous=FULL, on the store's own connection. */
const sqlite = storeKinds.find((k) => k.name === 'sqlite')!;

describe('SQLite durability settings', () => {
  let test: TestStore;
  afterEach(async () => test.cleanup());

  it('runs in WAL mode', async () => {
    test = await sqlite.open();
    const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(test.store.db);
    expect(rows).toEqual([{ journal_mode: 'wal' }]);
  });

  it('uses synchronous=FULL', async () => {
    test = await sqlite.open();
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(test.store.db);
    expect(rows).toEqual([{ synchronous: 2 }]); // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
  });
});
