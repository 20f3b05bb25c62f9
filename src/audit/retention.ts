import type { Store } from '../store/store.js';
import type { AuditEvent } from './event.js';
import { batchBytes, batchLines } from './event-batches.js';

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

/**
 * Deletes every trail's events older than the retention, and returns how many. The only path that
 * removes events. A batch (recorder.ts) whose events are all older goes whole; one that holds events
 * on both sides of the cutoff is rewritten with the younger ones.
 */
export async function sweepExpiredEvents(store: Store, retentionDays: number, now: number): Promise<number> {
  const cutoff = now - retentionDays * DAY_MS;
  return store.transaction(async (trx) => {
    const rows = await trx.deleteFrom('audit_events').where('event_ms', '<', cutoff).executeTakeFirst();
    const batches = await trx.deleteFrom('audit_event_batches').where('last_ms', '<', cutoff).returning('event_count').execute();
    let deleted = Number(rows.numDeletedRows) + batches.reduce((sum, batch) => sum + batch.event_count, 0);
    const straddling = await trx.selectFrom('audit_event_batches').select(['batch_id', 'account_id', 'event_count', 'events']).where('first_ms', '<', cutoff).where('last_ms', '>=', cutoff).execute();
    for (const batch of straddling) {
      const kept = batchLines(batch.events).map((json) => ({ json, ms: Date.parse((JSON.parse(json) as AuditEvent).eventTime) })).filter((line) => line.ms >= cutoff);
      await trx
        .updateTable('audit_event_batches')
        .set({ first_ms: Math.min(...kept.map((line) => line.ms)), event_count: kept.length, events: batchBytes(kept.map((line) => line.json)) })
        .where('batch_id', '=', batch.batch_id)
        .where('account_id', '=', batch.account_id)
        .execute();
      deleted += batch.event_count - kept.length;
    }
    return deleted;
  });
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
