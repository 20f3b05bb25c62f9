import { createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { randomBase62 } from './base62.js';

/** The longest session any role may grant (RAM's MaxSessionDuration upper bound, api-facts §2.8). */
export const MAX_SESSION_SECONDS = 43_200;

const KEY_BYTES = 32;
const KEY_ID_LENGTH = 8;
const KEY_ID_PATTERN = /^[A-Za-z0-9]{1,32}$/;
/** Domain-separation labels: one root key never serves two purposes directly. */
const HKDF_SALT = Buffer.from('ramstack sts key ring v1');
const INFO_SECRET = Buffer.from('ramstack sts access key secret');
const INFO_SEAL = Buffer.from('ramstack sts security token seal');

/**
 * One signing key with its two derived subkeys. The subkeys are derived once, when the key enters
 * the ring, so issuing and verifying never run HKDF.
 */
export interface SigningKey {
  readonly id: string;
  /** Epoch ms; orders the ring and decides when the key may be pruned. */
  readonly createdAt: number;
  /** HMAC-SHA256 key for AccessKeySecret = HMAC(secretKey, AccessKeyId). */
  readonly secretKey: KeyObject;
  /** AES-256-GCM key for the SecurityToken. */
  readonly sealKey: KeyObject;
}

/** The persisted form: the store seals this under the master key; the raw keys are only ever here. */
export interface KeyRingJSON {
  version: 1;
  keys: { id: string; key: string /* base64, 32 bytes */; createdAt: number }[];
}

interface Entry {
  readonly root: Buffer;
  readonly signing: SigningKey;
}

function derive(root: Buffer, info: Buffer): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', root, HKDF_SALT, info, KEY_BYTES)));
}

function entry(id: string, root: Buffer, createdAt: number): Entry {
  return {
    root,
    signing: { id, createdAt, secretKey: derive(root, INFO_SECRET), sealKey: derive(root, INFO_SEAL) },
  };
}

/**
 * The server's STS signing keys, oldest first. The last key is current: it issues every new
 * credential. Older keys only verify, until every session they could have sealed has expired.
 *
 * The ring is mutable (rotate/prune change it in place) so the gateway's reference stays valid;
 * persisting the change is the caller's job (toJSON).
 */
export class KeyRing {
  readonly #entries: Entry[];
  readonly #byId: Map<string, SigningKey>;

  private constructor(entries: Entry[]) {
    this.#entries = entries;
    this.#byId = new Map(entries.map((e) => [e.signing.id, e.signing]));
  }

  /** A fresh ring with one random key. */
  static generate(now: number): KeyRing {
    const ring = new KeyRing([]);
    ring.rotate(now);
    return ring;
  }

  /** Rebuilds a ring from toJSON() output. Throws on anything that is not exactly that shape. */
  static fromJSON(json: unknown): KeyRing {
    const fail = (why: string): never => {
      throw new Error(`invalid STS key ring: ${why}`);
    };
    if (typeof json !== 'object' || json === null) return fail('not an object');
    const { version, keys } = json as Partial<KeyRingJSON>;
    if (version !== 1) return fail(`unsupported version ${String(version)}`);
    if (!Array.isArray(keys) || keys.length === 0) return fail('no keys');
    const entries = keys.map((k: unknown, i) => {
      const { id, key, createdAt } = (k ?? {}) as Partial<KeyRingJSON['keys'][number]>;
      if (typeof id !== 'string' || !KEY_ID_PATTERN.test(id)) return fail(`key ${i}: bad id`);
      if (typeof createdAt !== 'number' || !Number.isSafeInteger(createdAt)) return fail(`key ${i}: bad createdAt`);
      const root = typeof key === 'string' ? Buffer.from(key, 'base64') : Buffer.alloc(0);
      if (root.length !== KEY_BYTES || root.toString('base64') !== key) return fail(`key ${i}: bad key`);
      return entry(id, root, createdAt);
    });
    const ring = new KeyRing(entries);
    if (ring.#byId.size !== entries.length) return fail('duplicate key id');
    return ring;
  }

  toJSON(): KeyRingJSON {
    return {
      version: 1,
      keys: this.#entries.map((e) => ({ id: e.signing.id, key: e.root.toString('base64'), createdAt: e.signing.createdAt })),
    };
  }

  /** The key that seals new credentials. */
  get current(): SigningKey {
    // The constructor is private and every path leaves at least one key.
    return this.#entries[this.#entries.length - 1]!.signing;
  }

  /** Key ids, oldest first. */
  get ids(): string[] {
    return this.#entries.map((e) => e.signing.id);
  }

  find(id: string): SigningKey | undefined {
    return this.#byId.get(id);
  }

  /** Adds a new random key, which becomes current at once. Returns its id. */
  rotate(now: number): string {
    let id: string;
    do id = randomBase62(KEY_ID_LENGTH);
    while (this.#byId.has(id));
    const e = entry(id, randomBytes(KEY_BYTES), now);
    this.#entries.push(e);
    this.#byId.set(id, e.signing);
    return id;
  }

  /**
   * Drops keys that can no longer have a live session: a key stopped sealing when its successor
   * was created, so its last token expires at most `maxSessionSeconds` later. `graceSeconds`
   * covers nodes that kept sealing with the old key until they reloaded the ring (pass the ring
   * reload interval plus clock skew). The current key is never dropped. Returns the dropped ids.
   */
  prune(now: number, maxSessionSeconds: number = MAX_SESSION_SECONDS, graceSeconds = 0): string[] {
    const horizonMs = (maxSessionSeconds + graceSeconds) * 1000;
    // Only a prefix of the (rotation-ordered) ring is dropped: stopping at the first key still
    // needed stays safe even if a clock stepped back between two rotations.
    let drop = 0;
    while (drop < this.#entries.length - 1 && this.#entries[drop + 1]!.signing.createdAt + horizonMs <= now) drop++;
    const dropped = this.#entries.splice(0, drop).map((e) => e.signing.id);
    for (const id of dropped) this.#byId.delete(id);
    return dropped;
  }
}
