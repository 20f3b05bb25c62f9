import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { randomAlnum } from '../../src/identity/ids.js';
import { masterKeyFrom } from '../../src/secrets/master-key.js';
import { hashPassword } from '../../src/secrets/password.js';
import { Sealer } from '../../src/secrets/sealer.js';
import { ACCESS_KEY_SECRET_PURPOSE, createAccount, type NewAccount } from '../../src/services/accounts/accounts.js';
import type { Store } from '../../src/store/store.js';
import { storeKinds, type TestStore } from '../helpers/stores.js';

/**
 * Threat: a stolen database (a backup, a copied file, a read-only SQL account). It must yield no
 * AccessKey secret, password or TOTP seed: those are sealed (AES-256-GCM) or scrypt-hashed.
 */
const sealer = new Sealer(masterKeyFrom(randomBytes(32)));
const MFA_SEED_PURPOSE = 'mfa-seed';
const CREATED = '2030-01-01T00:00:00Z';

/** Every row of every table, as text. */
async function dumpDatabase(store: Store): Promise<string> {
  const tables =
    store.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(store.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(store.db);
  expect(tables.rows.map((t) => t.name)).toEqual(expect.arrayContaining(['accounts', 'access_keys', 'login_profiles', 'mfa_devices']));
  const parts: string[] = [];
  for (const { name } of tables.rows) {
    const rows =
      store.dialect === 'sqlite'
        ? (await sql`select * from ${sql.table(name)}`.execute(store.db)).rows.map((r) => JSON.stringify(r))
        : (await sql<{ row: string }>`select t::text as row from ${sql.table(name)} t`.execute(store.db)).rows.map((r) => r.row);
    parts.push(`-- ${name}`, ...rows);
  }
  return parts.join('\n');
}

/** The raw bytes of the SQLite database and its write-ahead log (where fresh writes sit). */
function rawSqliteFiles(dataDir: string): Buffer {
  const files = ['ramstack.db', 'ramstack.db-wal'].map((f) => join(dataDir, f)).filter((f) => existsSync(f));
  return Buffer.concat(files.map((f) => readFileSync(f)));
}

interface Planted {
  accounts: NewAccount[];
  userPassword: string;
  seed: string;
}

/** Two accounts, a RAM user with a console password, and an MFA device with a TOTP seed. */
async function plantSecrets(store: Store): Promise<Planted> {
  const accounts = [await createAccount(store, sealer, { alias: 'secret-one' }), await createAccount(store, sealer, {})];
  const accountId = accounts[0]!.accountId;
  const userPassword = `Pw-${randomAlnum(20)}`;
  const seed = randomAlnum(32).toUpperCase(); // base32-like, as a TOTP seed
  await store.db
    .insertInto('users')
    .values({ user_id: '200000000000000001', account_id: accountId, user_name: 'alice', user_name_key: 'alice', display_name: null, mobile_phone: null, email: null, comments: null, created_at: CREATED, updated_at: CREATED, last_login_at: null })
    .execute();
  await store.db
    .insertInto('login_profiles')
    .values({ user_id: '200000000000000001', account_id: accountId, password_hash: await hashPassword(userPassword), password_reset_required: 0, mfa_bind_required: 0, created_at: CREATED, updated_at: CREATED })
    .execute();
  await store.db
    .insertInto('mfa_devices')
    .values({ serial_number: `acs:ram::${accountId}:mfa/alice`, account_id: accountId, device_name: 'alice', seed_sealed: sealer.seal(seed, MFA_SEED_PURPOSE), user_id: '200000000000000001', activated_at: CREATED, created_at: CREATED })
    .execute();
  return { accounts, userPassword, seed };
}

function clearSecrets(planted: Planted): string[] {
  return [...planted.accounts.flatMap((a) => [a.accessKeySecret, a.rootPassword]), planted.userPassword, planted.seed];
}

for (const kind of storeKinds) {
  describe.skipIf(!kind.available)(`secrets at rest (${kind.name})`, () => {
    let test: TestStore;
    afterEach(async () => test.cleanup());

    it('a dump of every table holds no AccessKey secret, password or seed in clear', async () => {
      test = await kind.open();
      const planted = await plantSecrets(test.store);
      const dump = await dumpDatabase(test.store);
      // The dump is real: it shows the non-secret identifiers.
      for (const account of planted.accounts) expect(dump).toContain(account.accessKeyId);
      for (const secret of clearSecrets(planted)) expect(dump).not.toContain(secret);
    });

    it('stores every password as an scrypt hash', async () => {
      test = await kind.open();
      await plantSecrets(test.store);
      const roots = await test.store.db.selectFrom('accounts').select('root_password_hash as hash').execute();
      const users = await test.store.db.selectFrom('login_profiles').select('password_hash as hash').execute();
      expect([...roots, ...users]).toHaveLength(3);
      for (const { hash } of [...roots, ...users]) expect(hash).toMatch(/^scrypt\$/);
    });

    it('keeps the sealed secrets readable with the master key', async () => {
      test = await kind.open();
      const planted = await plantSecrets(test.store);
      const device = await test.store.db.selectFrom('mfa_devices').select('seed_sealed').executeTakeFirstOrThrow();
      expect(sealer.open(device.seed_sealed, MFA_SEED_PURPOSE)).toBe(planted.seed);
      const key = await test.store.db.selectFrom('access_keys').select('secret_sealed').where('access_key_id', '=', planted.accounts[0]!.accessKeyId).executeTakeFirstOrThrow();
      expect(sealer.open(key.secret_sealed, ACCESS_KEY_SECRET_PURPOSE)).toBe(planted.accounts[0]!.accessKeySecret);
    });
  });
}

describe('secrets at rest (SQLite files)', () => {
  let test: TestStore;
  afterEach(async () => test.cleanup());

  it('the raw database and WAL files hold no secret in clear', async () => {
    test = await storeKinds.find((k) => k.name === 'sqlite')!.open();
    const planted = await plantSecrets(test.store);
    const raw = rawSqliteFiles(test.dataDir);
    expect(raw.includes(planted.accounts[0]!.accessKeyId)).toBe(true); // the bytes are really there
    for (const secret of clearSecrets(planted)) expect(raw.includes(secret)).toBe(false);
  });
});
