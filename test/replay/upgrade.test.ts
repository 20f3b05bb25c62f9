import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createNonceGuard } from '../../src/gateway/replay/index.js';
import { nonceKey } from '../../src/gateway/replay/nonce-key.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { tempDir } from '../helpers/stores.js';
import { rmSync } from 'node:fs';

const AK = 'LTAI5tUpgradeKey000000001';
const WINDOW_MS = 60_000;

describe('upgrading a SQLite data directory from per-nonce rows (0001) to nonce batches (0002)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('threat: a nonce accepted before the upgrade cannot be replayed after it', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const now = Date.now();
    // A directory as the previous version left it: its nonces in used_nonces, migration 0002 not applied.
    const old = await openSqliteStore(dir);
    await sql`drop table nonce_batches`.execute(old.db);
    await sql`delete from kysely_migration where name = '0002_nonce_batches'`.execute(old.db);
    const { hi, lo } = nonceKey(AK, 'spent-before-upgrade');
    const keyText = hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
    await old.db.insertInto('used_nonces').values({ nonce_key: keyText, expires_at: now + WINDOW_MS }).execute();
    await old.close();

    const upgraded = await openSqliteStore(dir);
    const guard = await createNonceGuard(upgraded, { windowMs: WINDOW_MS });
    try {
      expect(await guard.claim(AK, 'spent-before-upgrade', now)).toBe(false);
      expect(await guard.claim(AK, 'fresh', now)).toBe(true);
      expect(await upgraded.db.selectFrom('used_nonces').selectAll().execute()).toEqual([]);
    } finally {
      await guard.close();
      await upgraded.close();
    }
  });
});
