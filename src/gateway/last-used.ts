import { isoSeconds } from '../identity/time.js';
import type { Store } from '../store/store.js';

const FLUSH_INTERVAL_MS = 1000;

/**
 * Records when each long-term AccessKey was last used (GetAccessKeyLastUsed) without a write per
 * request: uses are remembered in memory and written once a second in one transaction.
 */
export class LastUsedRecorder {
  private pending = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly onError: (err: unknown) => void,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  touch(accessKeyId: string, now: number): void {
    this.pending.set(accessKeyId, now);
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.store.writeBehind(
          [...batch].map(([accessKeyId, at]) => this.store.db.updateTable('access_keys').set({ last_used_at: isoSeconds(at) }).where('access_key_id', '=', accessKeyId).compile()),
        );
      } catch (err) {
        for (const [id, at] of batch) if (!this.pending.has(id)) this.pending.set(id, at);
        this.onError(err);
      }
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
