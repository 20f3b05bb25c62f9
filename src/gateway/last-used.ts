import { isoSeconds } from '../identity/time.js';
import { PeriodicWriter } from '../store/periodic-writer.js';
import type { Store } from '../store/store.js';

const FLUSH_INTERVAL_MS = 1000;

/**
 * Records when each long-term AccessKey was last used (GetAccessKeyLastUsed) without a write per
 * request: the latest use of each key is kept in memory and written behind once a second.
 */
export class LastUsedRecorder {
  private readonly writer: PeriodicWriter<{ accessKeyId: string; at: number }>;

  constructor(store: Store, onError: (err: unknown) => void) {
    this.writer = new PeriodicWriter(
      FLUSH_INTERVAL_MS,
      (uses) => store.writeBehind(uses.map(({ accessKeyId, at }) => store.db.updateTable('access_keys').set({ last_used_at: isoSeconds(at) }).where('access_key_id', '=', accessKeyId).compile())),
      onError,
    );
  }

  touch(accessKeyId: string, now: number): void {
    this.writer.add({ accessKeyId, at: now }, accessKeyId);
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}
