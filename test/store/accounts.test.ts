import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { masterKeyFrom } from '../../src/secrets/master-key.js';
import { Sealer } from '../../src/secrets/sealer.js';
import { AccountInputError, createAccount, listAccounts } from '../../src/services/accounts/accounts.js';
import { storeKinds, type TestStore } from '../helpers/stores.js';
import { rejection } from './support.js';

const sealer = new Sealer(masterKeyFrom(randomBytes(32)));

for (const kind of storeKinds) {
  describe.skipIf(!kind.available)(`accounts (${kind.name})`, () => {
    let test: TestStore;
    afterEach(async () => test.cleanup());

    it('lists an account after it is created', async () => {
      test = await kind.open();
      const created = await createAccount(test.store, sealer, { alias: 'acme-prod', email: 'ops@acme.example' });
      expect(await listAccounts(test.store)).toEqual([
        { accountId: created.accountId, alias: 'acme-prod', email: 'ops@acme.example', defaultDomain: 'acme-prod.onaliyun.com', createdAt: expect.any(String) },
      ]);
    });

    it('returns credentials in the documented formats', async () => {
      test = await kind.open();
      const created = await createAccount(test.store, sealer, { alias: 'formats' });
      expect(created.accountId).toMatch(/^\d{16}$/);
      expect(created.accessKeyId).toMatch(/^LTAI[A-Za-z0-9]{20}$/);
      expect(created.accessKeySecret).toMatch(/^[A-Za-z0-9]{30}$/);
      expect(created.defaultDomain).toBe('formats.onaliyun.com');
    });

    it('names the default domain after the account ID when there is no alias', async () => {
      test = await kind.open();
      const created = await createAccount(test.store, sealer, {});
      expect(created.defaultDomain).toBe(`${created.accountId}.onaliyun.com`);
    });

    it.each([
      ['ab', /3 to 32 characters/],
      ['a'.repeat(33), /3 to 32 characters/],
      ['Acme', /only lowercase letters, digits and hyphens/],
      ['acme_prod', /only lowercase letters, digits and hyphens/],
      ['-acme', /must not start or end with a hyphen/],
      ['acme-', /must not start or end with a hyphen/],
      ['ac--me', /two hyphens in a row/],
    ])('rejects the alias %j naming the rule, and creates nothing', async (alias, rule) => {
      test = await kind.open();
      const err = await rejection(createAccount(test.store, sealer, { alias }));
      expect(err).toBeInstanceOf(AccountInputError);
      expect((err as Error).message).toMatch(rule);
      expect(await listAccounts(test.store)).toEqual([]);
      expect(await test.store.db.selectFrom('access_keys').selectAll().execute()).toEqual([]);
    });

    it('rejects a duplicate alias and keeps only the first account', async () => {
      test = await kind.open();
      const first = await createAccount(test.store, sealer, { alias: 'twice' });
      const err = await rejection(createAccount(test.store, sealer, { alias: 'twice' }));
      expect(err).toBeInstanceOf(AccountInputError);
      expect((err as Error).message).toMatch(/already taken/);
      expect((await listAccounts(test.store)).map((a) => a.accountId)).toEqual([first.accountId]);
      expect(await test.store.db.selectFrom('access_keys').select('account_id').execute()).toEqual([{ account_id: first.accountId }]);
    });
  });
}
