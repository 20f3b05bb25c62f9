import type { Command } from 'commander';
import { queryTrail, type AuditEvent, type TrailQuery } from '../audit/index.js';
import type { Store } from '../store/store.js';
import { usingStore, withStoreOptions, type StoreFlags } from './store-options.js';

const INITIAL_EVENTS = 20;
const POLL_MS = 1_000;
/**
 * Reads and failures reach the store in batches and nodes' clocks differ a little: each poll looks
 * this far back again and skips what it already printed, so a late-arriving event is not missed.
 */
const LOOK_BACK_MS = 10_000;
const FOLLOW_PAGE = 500;

interface TailFlags extends StoreFlags {
  account?: string;
  follow?: boolean;
  json?: boolean;
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('read the audit trail (ActionTrail-style events)');
  withStoreOptions(audit.command('tail'))
    .description(`print the last ${INITIAL_EVENTS} events, oldest first; --follow keeps printing new ones`)
    .option('--account <id>', "one account's trail (default: every trail, each event once)")
    .option('--follow', 'keep printing events as they are recorded (Ctrl-C stops)')
    .option('--json', 'one JSON event per line')
    .action(async (flags: TailFlags) => {
      const print = (event: AuditEvent) => process.stdout.write((flags.json ? JSON.stringify(event) : describe(event)) + '\n');
      await usingStore(flags, async ({ store }) => {
        const latest = await read(store, flags.account, 0, INITIAL_EVENTS);
        latest.forEach(print);
        if (flags.follow) await follow(store, flags.account, latest, print);
      });
    });
}

/** The newest `limit` events from `sinceMs` on, oldest first. */
async function read(store: Store, accountId: string | undefined, sinceMs: number, limit: number): Promise<AuditEvent[]> {
  const query: TrailQuery = { ...(accountId ? { accountId } : {}), startMs: sinceMs, endMs: Number.MAX_SAFE_INTEGER, attributes: [], limit };
  return (await queryTrail(store.db, query)).events.reverse();
}

async function follow(store: Store, accountId: string | undefined, printed: AuditEvent[], print: (event: AuditEvent) => void): Promise<void> {
  const seen = new Map(printed.map((e) => [e.eventId, eventMs(e)]));
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  while (!(await Promise.race([stopped.then(() => true), delay(POLL_MS).then(() => false)]))) {
    const sinceMs = Date.now() - LOOK_BACK_MS;
    for (const event of await read(store, accountId, sinceMs, FOLLOW_PAGE)) {
      if (seen.has(event.eventId)) continue;
      seen.set(event.eventId, eventMs(event));
      print(event);
    }
    for (const [id, ms] of seen) if (ms < sinceMs) seen.delete(id);
  }
}

const eventMs = (event: AuditEvent): number => Date.parse(event.eventTime);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One line: when, where, what, outcome, who (and for a session, the person behind it), on what. */
function describe(event: AuditEvent): string {
  const identity = event.userIdentity;
  const behind = identity.sessionContext ? ` by ${identity.sessionContext.callerArn}` : '';
  return [event.eventTime, event.recipientAccountId, `${event.serviceName}:${event.eventName}`, event.errorCode ?? 'Success', `${identity.arn}${behind}`, event.resourceName ?? '-'].join('  ');
}
