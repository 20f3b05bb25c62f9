import { createHash } from 'node:crypto';
import { accessDenied, apiError } from '../errors/catalogue.js';
import { accessDeniedDetail, compilePolicy, compilePolicySet, evaluate, parsePolicy, type CompiledPolicy, type PolicySet, type PolicySource, type Principal } from '../policy/index.js';
import type { Caller, RequestInfo } from '../services/action.js';
import { PERMISSIONS_CHANNEL } from '../services/events.js';
import { RECONNECTED, type Store } from '../store/store.js';
import { requestConditionContext, resourceAccount, rootMayAccess, type Authorizer } from './authorize.js';

/** A principal whose identity policies the authorizer loads: a RAM user (own + groups') or a role. */
export type PolicyHolder = { kind: 'user'; accountId: string; userId: string } | { kind: 'role'; accountId: string; roleId: string };

export type PolicyLoader = (holder: PolicyHolder) => Promise<Array<{ source: PolicySource; document: string }>>;

const MAX_CACHED_SETS = 10_000;

/**
 * Actions the caller's identity policies may allow on another account's resources: there the other
 * account consents through a policy of its own, which the action itself checks (AssumeRole: the
 * role's trust policy). Lower-cased.
 */
const CROSS_ACCOUNT_ACTIONS = new Set(['sts:assumerole']);

/**
 * Authorizes RAM users and assumed-role sessions with the policy engine: the principal's identity
 * policies (compiled once, cached per principal) intersected with the session policy, explicit Deny
 * first. An account root may do anything in its own account. Nobody acts on another account's
 * resources: cross-account access exists only through AssumeRole, whose session acts in the role's
 * account.
 *
 * The cache is dropped per account when PERMISSIONS_CHANNEL announces a change (on every node); a
 * per-account generation stops a load that raced with a change from caching the stale set.
 */
export class PolicyAuthorizer implements Authorizer {
  private readonly sets = new Map<string, { accountId: string; set: Promise<PolicySet> }>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly load: PolicyLoader,
    private readonly diagnosticKey: Buffer,
  ) {}

  async listen(store: Store): Promise<() => Promise<void>> {
    return store.subscribe(PERMISSIONS_CHANNEL, (accountId) => this.forgetAccount(accountId));
  }

  forgetAccount(accountId: string): void {
    if (accountId === RECONNECTED) {
      for (const account of new Set([...this.sets.values()].map((e) => e.accountId))) this.forgetAccount(account);
      return;
    }
    this.generations.set(accountId, (this.generations.get(accountId) ?? 0) + 1);
    for (const [key, entry] of this.sets) if (entry.accountId === accountId) this.sets.delete(key);
  }

  async authorize(caller: Caller, ramAction: string, resources: string[], request: RequestInfo): Promise<void> {
    if (caller.kind === 'root') {
      if (rootMayAccess(caller, resources)) return;
      throw apiError('NoPermission');
    }
    const principal = principalOf(caller);
    const context = requestConditionContext(caller, request);
    const foreign = CROSS_ACCOUNT_ACTIONS.has(ramAction.toLowerCase()) ? undefined : resources.find((r) => !inAccount(r, caller.accountId));
    const set = await this.policySet(caller);
    const decision = evaluate(set, { action: ramAction, resources: foreign ? [foreign] : resources, principal, context });
    if (decision.allowed && !foreign) return;
    const denial = decision.allowed ? { ...decision, allowed: false, type: 'ImplicitDeny' as const, matched: [], resource: foreign } : decision;
    const detail = accessDeniedDetail(denial, principal, this.diagnosticKey, context);
    throw accessDenied(detail, `You are not authorized to do this action. Resource: ${denial.resource ?? resources[0] ?? '*'} Action: ${ramAction}`);
  }

  private policySet(caller: Exclude<Caller, { kind: 'root' }>): Promise<PolicySet> {
    const holder: PolicyHolder =
      caller.kind === 'user' ? { kind: 'user', accountId: caller.accountId, userId: caller.userId } : { kind: 'role', accountId: caller.accountId, roleId: caller.roleId };
    const sessionPolicy = caller.kind === 'session' ? caller.claims.sessionPolicy : undefined;
    const key = `${holder.kind}:${holder.kind === 'user' ? holder.userId : holder.roleId}:${sessionPolicy ? createHash('sha256').update(sessionPolicy).digest('base64url') : ''}`;
    const cached = this.sets.get(key);
    if (cached) return cached.set;

    const generation = this.generations.get(holder.accountId) ?? 0;
    const set = this.load(holder).then((policies) => {
      const compiled: CompiledPolicy[] = policies.map((p) => compilePolicy(parsePolicy(p.document, 'identity'), p.source));
      const session = sessionPolicy ? compilePolicy(parsePolicy(sessionPolicy, 'session'), { type: 'Session', name: 'SessionPolicy', version: '1' }) : undefined;
      return compilePolicySet(compiled, session);
    });
    if (this.sets.size >= MAX_CACHED_SETS) this.sets.clear();
    this.sets.set(key, { accountId: holder.accountId, set });
    set.then(
      () => {
        if ((this.generations.get(holder.accountId) ?? 0) !== generation) this.sets.delete(key);
      },
      () => this.sets.delete(key),
    );
    return set;
  }
}

function inAccount(resource: string, accountId: string): boolean {
  const account = resourceAccount(resource);
  return resource === '*' || account === undefined || account === accountId || account === '*' || account === '' || account === 'system';
}

export function principalOf(caller: Exclude<Caller, { kind: 'root' }>): Principal {
  return caller.kind === 'user'
    ? { type: 'SubUser', accountId: caller.accountId, arn: caller.arn, displayName: caller.userId }
    : { type: 'AssumedRoleUser', accountId: caller.accountId, arn: caller.arn, displayName: `${caller.roleName}:${caller.sessionName}` };
}
