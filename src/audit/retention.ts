import type { Store } from '../store/store.js';

const DAY_MS = 86_400_000;
export const DEFAULT_RETENTION_DAYS = 90;
/** Hourly is plenty for a retention counted in days; each sweep is one indexed delete. */
const SWEEP_INTERVAL_MS = 3_600_000;

/** RAMSTACK_AUDIT_RETENTION_DAYS: a positive whole number of days, default 90. */
export function retentionDaysFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.RAMSTACK_AUDIT_RETENTION_DAYS;
  if (raw === undefined || raw === '') return DEFAULT_RETENTION_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days <= 0) throw new Error(`RAMSTACK_AUDIT_RETENTION_DAYS must be a positive number of days, got "${raw}"`);
  return days;
}

/** Deletes every trail's events older than the retention. The only path that removes events. */
export async function sweepExpiredEvents(store: Store, retentionDays: number, now: number): Promise<number> {
  const result = await store.db.deleteFrom('audit_events').where('event_ms', '<', now - retentionDays * DAY_MS).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface RetentionSweeper {
  stop(): Promise<void>;
}

/**
 * Sweeps at start and then every hour. Every node sweeps; the deletes are idempotent, so several
 * nodes on one PostgreSQL need no coordination.
 */
export function startRetentionSweeper(store: Store, options: { retentionDays: number; clock: () => number; onError: (err: unknown) => void }): RetentionSweeper {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = sweepExpiredEvents(store, options.retentionDays, options.clock()).catch(options.onError);
  };
  sweep();
  const timer = setInterval(sweep, SWEEP_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
