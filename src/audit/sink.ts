import type { Transaction } from 'kysely';
import type { AccessDeniedDetail } from '../errors/api-error.js';
import type { ActionDef, Caller } from '../services/action.js';
import type { Database } from '../store/store.js';

/** What the gateway knows about one call that reached an action, for the audit trail. */
export interface AuditDraft {
  requestId: string;
  /** Epoch ms. */
  time: number;
  action: Readonly<Pick<ActionDef<any>, 'product' | 'version' | 'name' | 'ramAction' | 'access'>>;
  /** Declared parameters whose values are secrets (never recorded). */
  secretParams: readonly string[];
  request: { sourceIp: string; secure: boolean; userAgent: string };
  /** Present once the AccessKey was resolved (also for signature failures of a real key). */
  caller?: Caller;
  params: Readonly<Record<string, string | undefined>>;
  resources: readonly string[];
  result: { code: 'Success' } | { code: string; message: string; accessDeniedDetail?: AccessDeniedDetail };
  /** 'api' or 'console'. */
  channel: 'api' | 'console';
}

/** Where audit events go. Writes are recorded in the transaction of the change they describe. */
export interface AuditSink {
  recordInTransaction(trx: Transaction<Database>, draft: AuditDraft): Promise<void>;
  /** Reads and failures: recorded soon after, off the request path. */
  record(draft: AuditDraft): void;
  /** Writes out anything pending (graceful shutdown). */
  flush(): Promise<void>;
}
