import type { Store } from '../../store/store.js';
import type { NonceGuard, NonceGuardOptions } from './guard.js';
import { createLocalGuard } from './local-guard.js';
import { createSharedGuard } from './shared-guard.js';

/**
 * The SignatureNonce replay guard for the store's deployment shape: a single SQLite node keeps the
 * authority in memory and persists in batches; PostgreSQL nodes share the authority in the table.
 */
export function createNonceGuard(store: Store, options: NonceGuardOptions): Promise<NonceGuard> {
  return store.dialect === 'postgres' ? createSharedGuard(store, options) : createLocalGuard(store, options);
}

export type { NonceGuard, NonceGuardOptions } from './guard.js';
export { NonceWindow } from './nonce-window.js';
export { nonceKey } from './nonce-key.js';
