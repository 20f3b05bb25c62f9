import { afterEach, describe, expect, it } from 'vitest';
import { createNonceGuard, type NonceGuard } from '../../src/gateway/replay/index.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/store.js';
import { storeKinds, type TestStore } from '../helpers/stores.js';

/**
 * Threat: a captured request replayed against another node behind the load balancer. Two nodes are
 * two separately opened stores (own pools) on one PostgreSQL schema, each with its own guard.
 */
const postgres = storeKinds.find((k) => k.name === 'postgres')!;
const WINDOW_MS = 30 * 60_000;
const AK = 'LTAI5tMultiNodeKey0000001';

describe.skipIf(!postgres.available)('signature replay across nodes (postgres)', () => {
  let test: TestStore;
  let secondStore: Store;
  let nodeA: NonceGuard;
  let nodeB: NonceGuard;

  async function openNodes() {
    test = await postgres.open();
    secondStore = await openPostgresStore({ url: test.databaseUrl!, schema: test.schema! });
    nodeA = await createNonceGuard(test.store, { windowMs: WINDOW_MS });
    nodeB = await createNonceGuard(secondStore, { windowMs: WINDOW_MS });
  }

  afterEach(async () => {
    await nodeA.close();
    await nodeB.close();
    await secondStore.close();
    await test.cleanup();
  });

  it("refuses on one node a nonce claimed on the other", async () => {
    await openNodes();
    const now = Date.now();
    expect(await nodeA.claim(AK, 'seen-on-a', now)).toBe(true);
    expect(await nodeB.claim(AK, 'seen-on-a', now + 10)).toBe(false);
    expect(await nodeB.claim(AK, 'seen-on-b', now + 20)).toBe(true);
    expect(await nodeA.claim(AK, 'seen-on-b', now + 30)).toBe(false);
  });

  it('lets exactly one node win when both claim the same nonce at once', async () => {
    await openNodes();
    const now = Date.now();
    const [a, b] = await Promise.all([nodeA.claim(AK, 'raced', now), nodeB.claim(AK, 'raced', now)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
  });

  it('lets exactly one claim win per nonce when many copies race on both nodes', async () => {
    await openNodes();
    const now = Date.now();
    const nonces = Array.from({ length: 300 }, (_, i) => `burst-${i}`);
    // Each nonce is claimed twice on each node, in opposite orders, so the batches overlap.
    const claims = [
      ...nonces.map((n) => nodeA.claim(AK, n, now)),
      ...[...nonces].reverse().map((n) => nodeB.claim(AK, n, now)),
      ...nonces.map((n) => nodeB.claim(AK, n, now)),
      ...[...nonces].reverse().map((n) => nodeA.claim(AK, n, now)),
    ];
    const results = await Promise.all(claims);
    const wins = new Map<string, number>();
    const order = [...nonces, ...[...nonces].reverse(), ...nonces, ...[...nonces].reverse()];
    order.forEach((n, i) => wins.set(n, (wins.get(n) ?? 0) + (results[i] ? 1 : 0)));
    expect([...wins.values()].every((w) => w === 1)).toBe(true);
  });
});
