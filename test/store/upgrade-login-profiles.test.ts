import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { sqliteAtMigration, tempDir } from '../helpers/stores.js';

describe('upgrading login profiles to password history (migration 0004)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("dates an existing password from its profile's last update and starts with no earlier passwords", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const old = await sqliteAtMigration(dir, '0003_mfa_last_used_step');
    await old.insertInto('accounts').values({ account_id: '1000000000000001', alias: null, email: null, root_password_hash: 'x', password_policy: null, security_preference: null, created_at: '2026-01-01T00:00:00Z' }).execute();
    await old.insertInto('login_profiles').values({ user_id: 'u1', account_id: '1000000000000001', password_hash: 'scrypt$old', password_reset_required: 0, mfa_bind_required: 0, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-03-01T00:00:00Z' }).execute();
    await old.destroy();

    const store = await openSqliteStore(dir);
    try {
      const row = await store.db.selectFrom('login_profiles').select(['password_changed_at', 'previous_password_hashes']).where('user_id', '=', 'u1').executeTakeFirstOrThrow();
      expect(row).toEqual({ password_changed_at: '2026-03-01T00:00:00Z', previous_password_hashes: '[]' });
    } finally {
      await store.close();
    }
  });
});
