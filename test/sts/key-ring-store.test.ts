import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Sealer } from '../../src/secrets/sealer.js';
import { loadOrCreateKeyRing, rotateKeyRing, ROTATION_GRACE_SECONDS } from '../../src/services/sts/key-ring-store.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { MAX_SESSION_SECONDS } from '../../src/tokens/index.js';
import { tempDir } from '../helpers/stores.js';

const sealer = new Sealer({ id: 'test', key: Buffer.alloc(32, 9) });
const opened: Array<{ store: Store; dir: string }> = [];
afterEach(async () => {
  for (const { store, dir } of opened.splice(0)) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function freshStore(): Promise<Store> {
  const dir = tempDir();
  const store = await openSqliteStore(dir);
  opened.push({ store, dir });
  return store;
}

describe('the STS key ring at rest', () => {
  it('is created on first start and loaded, unchanged, afterwards', async () => {
    const store = await freshStore();
    const first = await loadOrCreateKeyRing(store, sealer, Date.now());
    const again = await loadOrCreateKeyRing(store, sealer, Date.now());
    expect(again.ring.toJSON()).toEqual(first.ring.toJSON());
  });

  it('is stored sealed under the master key: no signing key appears in the row', async () => {
    const store = await freshStore();
    const { ring } = await loadOrCreateKeyRing(store, sealer, Date.now());
    const row = await store.db.selectFrom('key_ring').selectAll().executeTakeFirstOrThrow();
    for (const k of ring.toJSON().keys) expect(row.sealed).not.toContain(k.key);
    expect(() => new Sealer({ id: 'test', key: Buffer.alloc(32, 1) }).open(row.sealed, 'sts key ring')).toThrow();
  });

  it('rotation adds a current key and keeps older keys until their sessions can have expired', async () => {
    const store = await freshStore();
    const now = Date.now();
    const { ring } = await loadOrCreateKeyRing(store, sealer, now);
    const [original] = ring.ids;
    const soon = await rotateKeyRing(store, sealer, now + 1000);
    expect(soon.keyIds).toEqual([original, soon.newKeyId]);
    const later = await rotateKeyRing(store, sealer, now + 1000 + (MAX_SESSION_SECONDS + ROTATION_GRACE_SECONDS) * 1000);
    expect(later.pruned).toEqual([original]);
    expect((await loadOrCreateKeyRing(store, sealer, now)).ring.ids).toEqual([soon.newKeyId, later.newKeyId]);
  });
});
