import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNonceGuard, type NonceGuard } from '../../src/gateway/replay/index.js';
import { storeKinds, type TestStore } from '../helpers/stores.js';

/**
 * How the guards use their tables: SQLite writes each batch of accepted nonces as one `nonce_batches`
 * row (no write per request), PostgreSQL shares `used_nonces`; both sweep expired rows.
 */
const WINDOW_MS = 60_000;
const AK = 'LTAI5tNonceTableKey000001';

/** Nonces remembered in the table: SQLite's packed batches hold 8 bytes a nonce, PostgreSQL a row each. */
async function rowCount(test: TestStore): Promise<number> {
  if (test.store.dialect === 'sqlite') {
    const batches = await test.store.db.selectFrom('nonce_batches').select('keys').execute();
    return batches.reduce((n, { keys }) => n + keys.byteLength / 8, 0);
  }
  const row = await test.store.db.selectFrom('used_nonces').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function batchCount(test: TestStore): Promise<number> {
  const row = await test.store.db.selectFrom('nonce_batches').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

const sqlite = storeKinds.find((k) => k.name === 'sqlite')!;
const postgres = storeKinds.find((k) => k.name === 'postgres')!;

describe('nonce table', () => {
  const opened: Array<{ guard: NonceGuard; test: TestStore }> = [];
  afterEach(async () => {
    for (const { guard, test } of opened.splice(0)) {
      await guard.close();
      await test.cleanup();
    }
  });

  it('SQLite: accepted nonces reach the table in one batch, not one write per claim', async () => {
    const test = await sqlite.open();
    const guard = await createNonceGuard(test.store, { windowMs: WINDOW_MS, flushIntervalMs: 60_000 });
    opened.push({ guard, test });
    const now = Date.now();
    for (let i = 0; i < 500; i++) expect(await guard.claim(AK, `n-${i}`, now)).toBe(true);
    expect(await rowCount(test)).toBe(0);
    await guard.flush();
    expect(await rowCount(test)).toBe(500);
    expect(await batchCount(test)).toBe(1);
  });

  it('SQLite: the periodic batch writes without an explicit flush', async () => {
    const test = await sqlite.open();
    const guard = await createNonceGuard(test.store, { windowMs: WINDOW_MS, flushIntervalMs: 10 });
    opened.push({ guard, test });
    await guard.claim(AK, 'periodic', Date.now());
    await vi.waitFor(async () => expect(await rowCount(test)).toBe(1));
  });

  for (const kind of storeKinds) {
    it.skipIf(!kind.available)(`${kind.name}: expired rows are swept from the table`, async () => {
      let now = Date.now();
      const test = await kind.open();
      const guard = await createNonceGuard(test.store, { windowMs: WINDOW_MS, sweepIntervalMs: 10, clock: () => now });
      opened.push({ guard, test });
      await guard.claim(AK, 'to-sweep', now);
      await guard.flush();
      expect(await rowCount(test)).toBe(1);
      now += WINDOW_MS + 1;
      await vi.waitFor(async () => expect(await rowCount(test)).toBe(0));
    });
  }

  it.skipIf(!postgres.available)('postgres: an expired row not yet swept does not block a new claim', async () => {
    const test = await postgres.open();
    const guard = await createNonceGuard(test.store, { windowMs: WINDOW_MS });
    opened.push({ guard, test });
    const now = Date.now();
    expect(await guard.claim(AK, 'stale-row', now)).toBe(true);
    // A fresh node (empty local window) meets the stale row in the table.
    const later = await createNonceGuard(test.store, { windowMs: WINDOW_MS });
    try {
      expect(await later.claim(AK, 'stale-row', now + WINDOW_MS)).toBe(true);
      expect(await later.claim(AK, 'stale-row', now + WINDOW_MS + 1)).toBe(false);
    } finally {
      await later.close();
    }
  });
});
