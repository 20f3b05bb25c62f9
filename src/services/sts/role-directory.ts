import { compilePolicy, parsePolicy, type CompiledPolicy } from '../../policy/index.js';
import { RECONNECTED, type Store } from '../../store/store.js';
import { PERMISSIONS_CHANNEL } from '../events.js';
import type { RoleForSts } from '../ram/policy-loader.js';

/** A role as AssumeRole needs it, its trust policy compiled. */
export interface AssumableRole extends RoleForSts {
  accountId: string;
  trust: CompiledPolicy;
}

export type RoleLoader = (accountId: string, roleName: string) => Promise<RoleForSts | undefined>;

const MAX_ENTRIES = 10_000;

/**
 * Roles by account and name, with compiled trust policies, kept in memory so AssumeRole reads no
 * database in the steady state. UpdateRole and DeleteRole announce on PERMISSIONS_CHANNEL (payload:
 * the account), which drops the account's roles on every node — the same rule, and the same delay
 * across nodes, as the authorizer's policy sets. Missing roles are not remembered (CreateRole
 * announces nothing), and a per-account generation keeps a load that raced with a change from
 * caching what it read before the change.
 */
export class RoleDirectory {
  private readonly roles = new Map<string, { accountId: string; role: Promise<AssumableRole | undefined> }>();
  private readonly generations = new Map<string, number>();

  constructor(private readonly load: RoleLoader) {}

  listen(store: Store): Promise<() => Promise<void>> {
    return store.subscribe(PERMISSIONS_CHANNEL, (accountId) => this.forgetAccount(accountId));
  }

  forgetAccount(accountId: string): void {
    if (accountId === RECONNECTED) {
      this.roles.clear();
      for (const account of this.generations.keys()) this.generations.set(account, this.generations.get(account)! + 1);
      return;
    }
    this.generations.set(accountId, (this.generations.get(accountId) ?? 0) + 1);
    for (const [key, entry] of this.roles) if (entry.accountId === accountId) this.roles.delete(key);
  }

  /** The role, found regardless of case (api-facts §2.8), or undefined. */
  find(accountId: string, roleName: string): Promise<AssumableRole | undefined> {
    const key = `${accountId}:${roleName.toLowerCase()}`;
    const cached = this.roles.get(key);
    if (cached) return cached.role;
    const generation = this.generations.get(accountId) ?? 0;
    const role = this.load(accountId, roleName).then((found) => found && {
      ...found,
      accountId,
      // Stored documents were validated by CreateRole/UpdateRole with this same parser.
      trust: compilePolicy(parsePolicy(found.trustPolicy, 'trust'), { type: 'AssumeRolePolicy', name: found.roleName, version: '1' }),
    });
    if (this.roles.size >= MAX_ENTRIES) this.roles.clear();
    this.roles.set(key, { accountId, role });
    role.then(
      (found) => {
        if (found === undefined || (this.generations.get(accountId) ?? 0) !== generation) this.roles.delete(key);
      },
      () => this.roles.delete(key),
    );
    return role;
  }
}
