import { rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { SQLITE_PAGE_SIZE, openSqliteStore } from '../../src/store/sqlite.js';
import { storeKinds, tempDir, type TestStore } from '../helpers/stores.js';

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

describe('SQLite page size', () => {
  let test: TestStore | undefined;
  afterEach(async () => {
    await test?.cleanup();
    test = undefined;
  });

  it('creates a new store with 16 KiB pages', async () => {
    test = await sqlite.open();
    const { rows } = await sql<{ page_size: number }>`pragma page_size`.execute(test.store.db);
    expect(SQLITE_PAGE_SIZE).toBe(16_384);
    expect(rows).toEqual([{ page_size: SQLITE_PAGE_SIZE }]);
  });

  it('opens a store made with 4 KiB pages as it is, its data kept', async () => {
    const dataDir = tempDir();
    const before = new BetterSqlite3(join(dataDir, 'ramstack.db'));
    before.pragma('page_size = 4096');
    before.exec("create table kept (note text); insert into kept values ('made before')");
    before.close();
    const store = await openSqliteStore(dataDir);
    try {
      const { rows: size } = await sql<{ page_size: number }>`pragma page_size`.execute(store.db);
      expect(size).toEqual([{ page_size: 4096 }]);
      const { rows } = await sql<{ note: string }>`select note from kept`.execute(store.db);
      expect(rows).toEqual([{ note: 'made before' }]);
    } finally {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
