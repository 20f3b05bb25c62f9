import { isoSeconds } from '../../identity/index.js';
import type { Sealer } from '../../secrets/sealer.js';
import type { Store } from '../../store/store.js';
import { KeyRing, MAX_SESSION_SECONDS } from '../../tokens/index.js';
import { locksRows } from '../ram/access-common.js';
import { KEY_RING_CHANNEL } from './channels.js';

/**
 * The STS key ring at rest: one row of key_ring, its JSON sealed under the master key (the raw
 * signing keys exist in clear only in memory).
 */
const RING_ID = 'sts';
const PURPOSE = 'sts key ring';

/**
 * How long after a rotation a node may still seal with the previous key: until it reloads the ring
 * (the change feed, or at worst the periodic refresh of sts-runtime.ts) plus clock skew between
 * nodes. Pruning waits this long beyond the longest session.
 */
export const ROTATION_GRACE_SECONDS = 15 * 60;

export interface StoredRing {
  ring: KeyRing;
  /** The sealed text as stored: a cheap "did it change?" test (every write has a fresh IV). */
  sealed: string;
}

function open(sealer: Sealer, sealed: string): StoredRing {
  return { ring: KeyRing.fromJSON(JSON.parse(sealer.open(sealed, PURPOSE))), sealed };
}

export async function readSealedRing(store: Store): Promise<string | undefined> {
  const row = await store.db.selectFrom('key_ring').select('sealed').where('ring_id', '=', RING_ID).executeTakeFirst();
  return row?.sealed;
}

/** The stored ring, created on first start. Nodes starting together agree: the first insert wins. */
export async function loadOrCreateKeyRing(store: Store, sealer: Sealer, now: number): Promise<StoredRing> {
  const existing = await readSealedRing(store);
  if (existing !== undefined) return open(sealer, existing);
  const sealed = sealer.seal(JSON.stringify(KeyRing.generate(now).toJSON()), PURPOSE);
  await store.db.insertInto('key_ring').values({ ring_id: RING_ID, sealed, updated_at: isoSeconds(now) })
    .onConflict((oc) => oc.column('ring_id').doNothing()).execute();
  return open(sealer, (await readSealedRing(store))!);
}

/** Re-opens the stored ring if it differs from `known`; undefined when unchanged. */
export async function reloadKeyRing(store: Store, sealer: Sealer, known: string): Promise<StoredRing | undefined> {
  const sealed = await readSealedRing(store);
  return sealed === undefined || sealed === known ? undefined : open(sealer, sealed);
}

export interface Rotation {
  newKeyId: string;
  pruned: string[];
  keyIds: string[];
}

/**
 * Adds a signing key (current at once on every node that reloads) and drops keys whose sessions
 * can all have expired. Row-locked on PostgreSQL so two concurrent rotations do not lose a key.
 */
export async function rotateKeyRing(store: Store, sealer: Sealer, now: number): Promise<Rotation> {
  await loadOrCreateKeyRing(store, sealer, now);
  const rotation = await store.transaction(async (trx) => {
    const query = trx.selectFrom('key_ring').select('sealed').where('ring_id', '=', RING_ID);
    const row = await (locksRows(store) ? query.forUpdate() : query).executeTakeFirstOrThrow();
    const { ring } = open(sealer, row.sealed);
    const newKeyId = ring.rotate(now);
    const pruned = ring.prune(now, MAX_SESSION_SECONDS, ROTATION_GRACE_SECONDS);
    await trx.updateTable('key_ring').set({ sealed: sealer.seal(JSON.stringify(ring.toJSON()), PURPOSE), updated_at: isoSeconds(now) })
      .where('ring_id', '=', RING_ID).execute();
    return { newKeyId, pruned, keyIds: ring.ids };
  });
  await store.publish(KEY_RING_CHANNEL, rotation.newKeyId);
  return rotation;
}
