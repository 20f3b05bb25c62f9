/**
 * Collects items in memory and writes them behind (with Store.writeBehind or appendBehind) every
 * intervalMs, one batch at a time, so the request path never waits for the disk. Items added under
 * the same key replace each other (only the latest matters, e.g. an AccessKey's last use); a batch
 * that fails is kept for the next turn.
 */
export class PeriodicWriter<T> {
  private pending = new Map<unknown, T>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private sequence = 0;

  constructor(
    intervalMs: number,
    private readonly write: (items: T[]) => Promise<void>,
    private readonly onError: (err: unknown) => void,
    /** Items kept elsewhere until now (e.g. packed as they came), added as each batch is taken. */
    private readonly collect?: () => Iterable<T>,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  /** Without a key every item is written; with one, the latest item per key. */
  add(item: T, key: unknown = this.sequence++): void {
    this.pending.set(key, item);
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.collect) for (const item of this.collect()) this.add(item);
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.write([...batch.values()]);
      } catch (err) {
        for (const [key, item] of batch) if (!this.pending.has(key)) this.pending.set(key, item);
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
