import { randomUUID } from 'node:crypto';
import { isoSeconds } from '../identity/time.js';
import type { Logger } from '../server/logger.js';
import type { Store } from '../store/store.js';

/** Sends a message to an account's owner (verification codes). Pluggable: mail or SMS in production. */
export interface Notifier {
  notify(accountId: string, kind: string, body: string, now: number): Promise<void>;
}

/** The development notifier: the message goes to the server log and to the operator outbox table. */
export class OutboxNotifier implements Notifier {
  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  async notify(accountId: string, kind: string, body: string, now: number): Promise<void> {
    await this.store.db.insertInto('outbox').values({ message_id: randomUUID(), account_id: accountId, kind, body, created_at: isoSeconds(now) }).execute();
    this.logger.info({ accountId, kind, body }, 'message to the account owner');
  }
}
