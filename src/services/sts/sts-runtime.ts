import type { Sealer } from '../../secrets/sealer.js';
import type { Store } from '../../store/store.js';
import type { KeyRing, Revocations } from '../../tokens/index.js';
import { KEY_RING_CHANNEL, REVOCATIONS_CHANNEL } from './channels.js';
import { loadOrCreateKeyRing, reloadKeyRing } from './key-ring-store.js';
import { loadRevocations } from './revocations.js';
import { loadRoleByName } from '../ram/policy-loader.js';
import { RoleDirectory } from './role-directory.js';

export interface StsRuntimeOptions {
  clock: () => number;
  onError: (err: unknown) => void;
  /**
   * Safety net behind the change feed: SQLite's feed does not cross processes (the CLI), and a
   * PostgreSQL feed can drop notifications while reconnecting. Bounds how stale a node can be.
   */
  refreshIntervalMs?: number;
  /** At most one reload per interval for tokens naming an unknown key: anyone can send key ids. */
  unknownKeyReloadIntervalMs?: number;
}

/**
 * What every node holds in memory for STS: the signing key ring, the revocation list and the roles
 * AssumeRole has looked up, loaded at start (roles: on first use) and kept current through the
 * store's change feed (plus a periodic refresh), so issuing and verifying a temporary credential
 * read no database in the steady state.
 */
export class StsRuntime {
  #ring: KeyRing;
  #sealed: string;
  #revocations: Revocations;
  #lastUnknownKeyReload = Number.NEGATIVE_INFINITY;
  #reloading: Promise<void> | null = null;
  readonly #stops: Array<() => Promise<void>> = [];
  readonly roles: RoleDirectory;
  #timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly store: Store,
    private readonly sealer: Sealer,
    private readonly options: StsRuntimeOptions,
    stored: { ring: KeyRing; sealed: string },
    revocations: Revocations,
  ) {
    this.#ring = stored.ring;
    this.#sealed = stored.sealed;
    this.#revocations = revocations;
    this.roles = new RoleDirectory((accountId, roleName) => loadRoleByName(store.db, accountId, roleName));
  }

  static async start(store: Store, sealer: Sealer, options: StsRuntimeOptions): Promise<StsRuntime> {
    const now = options.clock();
    const runtime = new StsRuntime(store, sealer, options, await loadOrCreateKeyRing(store, sealer, now), await loadRevocations(store, now));
    // A RECONNECTED signal arrives on every channel too: reloading is the right answer to it.
    runtime.#stops.push(await store.subscribe(KEY_RING_CHANNEL, () => runtime.#background(runtime.reloadRing())));
    runtime.#stops.push(await store.subscribe(REVOCATIONS_CHANNEL, () => runtime.#background(runtime.reloadRevocations())));
    runtime.#stops.push(await runtime.roles.listen(store));
    runtime.#timer = setInterval(() => runtime.#background(runtime.refresh()), options.refreshIntervalMs ?? 2000);
    runtime.#timer.unref();
    return runtime;
  }

  get ring(): KeyRing {
    return this.#ring;
  }

  get revocations(): Revocations {
    return this.#revocations;
  }

  /**
   * Called when a token names a key this node does not know: another node may have rotated. Reloads
   * at most once per interval (callers racing here share the one reload) and answers whether the
   * ring now knows the key.
   */
  async learnKey(keyId: string): Promise<boolean> {
    const now = this.options.clock();
    if (now - this.#lastUnknownKeyReload >= (this.options.unknownKeyReloadIntervalMs ?? 1000)) {
      this.#lastUnknownKeyReload = now;
      this.#reloading ??= this.reloadRing().finally(() => (this.#reloading = null));
    }
    if (this.#reloading) await this.#reloading;
    return this.#ring.find(keyId) !== undefined;
  }

  async reloadRing(): Promise<void> {
    const changed = await reloadKeyRing(this.store, this.sealer, this.#sealed);
    if (!changed) return;
    this.#ring = changed.ring;
    this.#sealed = changed.sealed;
  }

  async reloadRevocations(): Promise<void> {
    this.#revocations = await loadRevocations(this.store, this.options.clock());
  }

  async refresh(): Promise<void> {
    await Promise.all([this.reloadRing(), this.reloadRevocations()]);
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    for (const stop of this.#stops) await stop();
  }

  #background(work: Promise<void>): void {
    work.catch(this.options.onError);
  }
}
