import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../src/store/errors.js';
import { openStore, type Store } from '../../src/store/index.js';
import { storeKinds, type TestStore } from '../helpers/stores.js';
import { nextMessage, rejection } from './support.js';

/** The Store contract: the same behaviour from SQLite and from PostgreSQL. */
const CREATED = '2030-01-01T00:00:00Z';

async function insertAccount(store: Store, accountId: string, alias: string | null = null): Promise<void> {
  await store.db
    .insertInto('accounts')
    .values({ account_id: accountId, alias, email: null, root_password_hash: 'scrypt$x', password_policy: null, security_preference: null, created_at: CREATED })
    .execute();
}

async function insertUser(store: Store, accountId: string, userId: string, userName: string): Promise<void> {
  await store.db
    .insertInto('users')
    .values({
      user_id: userId,
      account_id: accountId,
      user_name: userName,
      user_name_key: userName.toLowerCase(),
      display_name: null,
      mobile_phone: null,
      email: null,
      comments: null,
      created_at: CREATED,
      updated_at: CREATED,
      last_login_at: null,
    })
    .execute();
}

async function insertRole(store: Store, accountId: string, roleId: string, roleName: string): Promise<void> {
  await store.db
    .insertInto('roles')
    .values({
      role_id: roleId,
      account_id: accountId,
      role_name: roleName,
      role_name_key: roleName.toLowerCase(),
      description: null,
      trust_policy: '{}',
      max_session_duration: 3600,
      created_at: CREATED,
      updated_at: CREATED,
    })
    .execute();
}

for (const kind of storeKinds) {
  describe.skipIf(!kind.available)(`store contract (${kind.name})`, () => {
    let test: TestStore;
    const extra: Store[] = [];

    afterEach(async () => {
      for (const store of extra.splice(0)) await store.close();
      await test.cleanup();
    });

    it('applies the migrations and is ready', async () => {
      test = await kind.open();
      expect(await test.store.isReady()).toBe(true);
      const nonces = await test.store.db.selectFrom('used_nonces').selectAll().execute();
      expect(nonces).toEqual([]);
    });

    it('re-opening an existing store applies nothing again and keeps the data', async () => {
      test = await kind.open();
      await insertAccount(test.store, '1000000000000001', 'kept');
      const migrationsBefore = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name`.execute(test.store.db);
      await test.store.close();

      const reopened = await openStore(test);
      extra.push(reopened);
      const migrationsAfter = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name`.execute(reopened.db);
      expect(migrationsAfter.rows).toEqual(migrationsBefore.rows);
      expect(await reopened.isReady()).toBe(true);
      const accounts = await reopened.db.selectFrom('accounts').select(['account_id', 'alias']).execute();
      expect(accounts).toEqual([{ account_id: '1000000000000001', alias: 'kept' }]);
    });

    it('a transaction that throws leaves nothing behind', async () => {
      test = await kind.open();
      const failure = new Error('boom');
      const err = await rejection(
        test.store.transaction(async (trx) => {
          await trx
            .insertInto('accounts')
            .values({ account_id: '1000000000000002', alias: null, email: null, root_password_hash: 'scrypt$x', password_policy: null, security_preference: null, created_at: CREATED })
            .execute();
          await trx.insertInto('counters').values({ name: 'c', value: 1 }).execute();
          throw failure;
        }),
      );
      expect(err).toBe(failure);
      expect(await test.store.db.selectFrom('accounts').selectAll().execute()).toEqual([]);
      expect(await test.store.db.selectFrom('counters').selectAll().execute()).toEqual([]);
    });

    it('enforces a unique account alias, recognised by isUniqueViolation', async () => {
      test = await kind.open();
      await insertAccount(test.store, '1000000000000003', 'taken');
      const err = await rejection(insertAccount(test.store, '1000000000000004', 'taken'));
      expect(isUniqueViolation(err)).toBe(true);
    });

    it('enforces user names unique regardless of case within an account (user_name_key)', async () => {
      test = await kind.open();
      await insertAccount(test.store, '1000000000000005');
      await insertUser(test.store, '1000000000000005', 'u1', 'Alice');
      const err = await rejection(insertUser(test.store, '1000000000000005', 'u2', 'alice'));
      expect(isUniqueViolation(err)).toBe(true);
    });

    it('allows the same user name in two accounts', async () => {
      test = await kind.open();
      await insertAccount(test.store, '1000000000000006');
      await insertAccount(test.store, '1000000000000007');
      await insertUser(test.store, '1000000000000006', 'u1', 'alice');
      await insertUser(test.store, '1000000000000007', 'u2', 'alice');
      expect(await test.store.db.selectFrom('users').select('user_id').execute()).toHaveLength(2);
    });

    it('enforces role names unique by role_name_key, recognised by isUniqueViolation', async () => {
      test = await kind.open();
      await insertAccount(test.store, '1000000000000008');
      await insertRole(test.store, '1000000000000008', 'r1', 'Admin');
      const err = await rejection(insertRole(test.store, '1000000000000008', 'r2', 'ADMIN'));
      expect(isUniqueViolation(err)).toBe(true);
    });

    it('does not take other errors for unique violations', async () => {
      test = await kind.open();
      const err = await rejection(sql`select * from no_such_table`.execute(test.store.db));
      expect(isUniqueViolation(err)).toBe(false);
    });

    it('delivers a published message to a subscriber', async () => {
      test = await kind.open();
      const { message } = await nextMessage(test.store, 'policy-changed');
      await test.store.publish('policy-changed', 'acct-1');
      expect(await message).toBe('acct-1');
    });

    it('stops delivering to a listener after it unsubscribes', async () => {
      test = await kind.open();
      const stale: string[] = [];
      const unsubscribe = await test.store.subscribe('c', (payload) => stale.push(payload));
      await unsubscribe();
      const { message } = await nextMessage(test.store, 'c');
      await test.store.publish('c', 'x');
      await message;
      expect(stale).toEqual([]);
    });
  });
}
