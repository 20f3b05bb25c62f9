import type { Store } from '../store/store.js';
import type { Sealer } from '../secrets/sealer.js';
import type { Caller } from '../services/action.js';
import { apiError } from '../errors/catalogue.js';
import { ACCESS_KEY_SECRET_PURPOSE } from '../services/accounts/accounts.js';
import { rootArn, userArn } from '../identity/arn.js';
import { CREDENTIALS_CHANNEL } from '../services/events.js';
import type { LastUsedRecorder } from './last-used.js';

/** What an AccessKeyId stands for: the secret that signs with it and the caller it authenticates. */
export interface ResolvedCredential {
  secret: string;
  caller: Caller;
}

export interface CredentialResolver {
  /** Throws the gateway's InvalidAccessKeyId.* / InvalidSecurityToken.* errors. */
  resolve(accessKeyId: string, securityToken: string | undefined, now: number): Promise<ResolvedCredential>;
}


interface CachedKey {
  secret: string;
  active: boolean;
  caller: Caller;
  userId: string | null;
}

/**
 * Long-term AccessKeys from the store, opened once and kept in memory: verifying a signature costs
 * no database read after the first request. Entries are dropped when CREDENTIALS_CHANNEL announces a
 * change (payload: the AccessKeyId, `user:<userId>`, or `*`), on this node and on every other.
 */
export class LongTermKeyResolver implements CredentialResolver {
  private readonly cache = new Map<string, CachedKey>();
  private static readonly MAX_ENTRIES = 100_000;

  constructor(
    private readonly store: Store,
    private readonly sealer: Sealer,
    private readonly lastUsed: LastUsedRecorder,
  ) {}

  async listen(): Promise<() => Promise<void>> {
    return this.store.subscribe(CREDENTIALS_CHANNEL, (payload) => this.forget(payload));
  }

  forget(payload: string): void {
    if (payload === '*') return this.cache.clear();
    if (payload.startsWith('user:')) {
      const userId = payload.slice(5);
      for (const [id, entry] of this.cache) if (entry.userId === userId) this.cache.delete(id);
      return;
    }
    this.cache.delete(payload);
  }

  async resolve(accessKeyId: string, _securityToken: string | undefined, now: number): Promise<ResolvedCredential> {
    const entry = this.cache.get(accessKeyId) ?? (await this.load(accessKeyId));
    if (!entry) throw apiError('InvalidAccessKeyId.NotFound');
    if (!entry.active) throw apiError('InvalidAccessKeyId.Inactive');
    this.lastUsed.touch(accessKeyId, now);
    return { secret: entry.secret, caller: entry.caller };
  }

  private async load(accessKeyId: string): Promise<CachedKey | undefined> {
    const row = await this.store.db
      .selectFrom('access_keys')
      .leftJoin('users', 'users.user_id', 'access_keys.user_id')
      .select(['access_keys.account_id', 'access_keys.user_id', 'access_keys.secret_sealed', 'access_keys.status', 'users.user_name'])
      .where('access_keys.access_key_id', '=', accessKeyId)
      .executeTakeFirst();
    if (!row) return undefined;
    const caller: Caller =
      row.user_id === null
        ? { kind: 'root', accountId: row.account_id, arn: rootArn(row.account_id), accessKeyId }
        : { kind: 'user', accountId: row.account_id, arn: userArn(row.account_id, row.user_name ?? ''), accessKeyId, userId: row.user_id, userName: row.user_name ?? '' };
    const entry: CachedKey = { secret: this.sealer.open(row.secret_sealed, ACCESS_KEY_SECRET_PURPOSE), active: row.status === 'Active', caller, userId: row.user_id };
    if (this.cache.size >= LongTermKeyResolver.MAX_ENTRIES) this.cache.clear();
    this.cache.set(accessKeyId, entry);
    return entry;
  }
}

/** Routes `STS.` keys to the temporary-credential resolver (plugged in by the STS service) and the rest to the store. */
export class CredentialRouter implements CredentialResolver {
  constructor(
    private readonly longTerm: CredentialResolver,
    private temporary: CredentialResolver | null = null,
  ) {}

  useTemporary(resolver: CredentialResolver): void {
    this.temporary = resolver;
  }

  resolve(accessKeyId: string, securityToken: string | undefined, now: number): Promise<ResolvedCredential> {
    if (accessKeyId.startsWith('STS.')) {
      if (!this.temporary) return Promise.reject(apiError('InvalidAccessKeyId.NotFound'));
      return this.temporary.resolve(accessKeyId, securityToken, now);
    }
    return this.longTerm.resolve(accessKeyId, securityToken, now);
  }
}
