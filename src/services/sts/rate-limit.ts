import { apiError } from '../../errors/catalogue.js';
import type { ActionDef } from '../action.js';

/**
 * Per-account, per-action request rate limits (token buckets held in memory). Off unless configured:
 * `RAMSTACK_RATE_LIMITS='sts:AssumeRole=100,sts:AssumeRole@1234567890123456=500'` allows 100 calls
 * per second per account, 500 for that one account. Alibaba documents 100 AssumeRole/s per account
 * (api-facts §1.6). Limits are per node: N nodes behind a balancer admit up to N times the rate.
 */
export interface RateLimits {
  /** Lower-cased RAM action → calls per second, for every account. */
  readonly byAction: ReadonlyMap<string, number>;
  /** `<lower-cased action>@<accountId>` → calls per second, overriding byAction for that account. */
  readonly byAccount: ReadonlyMap<string, number>;
}

const ENTRY = /^([a-z0-9-]+:[A-Za-z0-9*]+)(?:@(\d+))?=(\d+(?:\.\d+)?)$/;

/** Parses the RAMSTACK_RATE_LIMITS syntax; throws on any entry it does not understand. */
export function parseRateLimits(text: string | undefined): RateLimits {
  const byAction = new Map<string, number>();
  const byAccount = new Map<string, number>();
  for (const raw of (text ?? '').split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const m = ENTRY.exec(entry);
    const rate = m ? Number(m[3]) : 0;
    if (!m || rate <= 0) throw new Error(`rate limit "${entry}" is not <service>:<Action>[@<accountId>]=<calls per second>`);
    const action = m[1]!.toLowerCase();
    if (m[2] === undefined) byAction.set(action, rate);
    else byAccount.set(`${action}@${m[2]}`, rate);
  }
  return { byAction, byAccount };
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const MAX_BUCKETS = 100_000;

/**
 * Token buckets holding one second's worth of calls: a burst of `rate` calls, then `rate` per second.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly limits: RateLimits) {}

  /** Whether any account has a limit for this action. */
  covers(ramAction: string): boolean {
    const action = ramAction.toLowerCase();
    if (this.limits.byAction.has(action)) return true;
    for (const key of this.limits.byAccount.keys()) if (key.startsWith(`${action}@`)) return true;
    return false;
  }

  /** Throws Throttling.User when the account has used up its calls of this action. `now` is epoch ms. */
  take(ramAction: string, accountId: string, now: number): void {
    const action = ramAction.toLowerCase();
    const key = `${action}@${accountId}`;
    const rate = this.limits.byAccount.get(key) ?? this.limits.byAction.get(action);
    if (rate === undefined) return;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      // Dropping everything is a burst of free calls, never a wrong refusal.
      if (this.buckets.size >= MAX_BUCKETS) this.buckets.clear();
      bucket = { tokens: rate, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate);
    bucket.updatedAt = now;
    if (bucket.tokens < 1) throw apiError('Throttling.User');
    bucket.tokens -= 1;
  }
}

/**
 * The action list with the limiter in front of every limited action's handler: it runs once the
 * caller is authenticated (the account is known) and authorized, before the handler does any work.
 * Unlimited actions are returned as they are.
 */
export function withRateLimits(actions: ReadonlyArray<ActionDef<any>>, limiter: RateLimiter): ReadonlyArray<ActionDef<any>> {
  return actions.map((action) =>
    limiter.covers(action.ramAction)
      ? {
          ...action,
          handler: (ctx) => {
            limiter.take(action.ramAction, ctx.caller.accountId, ctx.request.now);
            return action.handler(ctx);
          },
        }
      : action,
  );
}
