import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createNonceGuard } from '../../src/gateway/replay/index.js';
import { nonceKey } from '../../src/gateway/replay/nonce-key.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { sqliteAtMigration, tempDir } from '../helpers/stores.js';

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
    // A directory as the first version left it: only migration 0001 applied, its nonces in used_nonces.
    const old = await sqliteAtMigration(dir, '0001_initial');
    const { hi, lo } = nonceKey(AK, 'spent-before-upgrade');
    const keyText = hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
    await old.insertInto('used_nonces').values({ nonce_key: keyText, expires_at: now + WINDOW_MS }).execute();
    await old.destroy();

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
