import { compilePolicy, parsePolicy, type CompiledPolicy } from '../../policy/index.js';

const MAX_ENTRIES = 10_000;

/**
 * Compiled trust policies, keyed by role and document text: an edited trust policy is a new key, so
 * an entry is never stale (the role row itself is read on every AssumeRole). Bounded by clearing,
 * as the authorizer's policy-set cache is.
 */
export class TrustPolicies {
  private readonly compiled = new Map<string, CompiledPolicy>();

  get(roleId: string, roleName: string, document: string): CompiledPolicy {
    const key = `${roleId}\u0000${document}`;
    let policy = this.compiled.get(key);
    if (policy === undefined) {
      // Stored documents were validated by CreateRole/UpdateRole with this same parser.
      policy = compilePolicy(parsePolicy(document, 'trust'), { type: 'AssumeRolePolicy', name: roleName, version: '1' });
      if (this.compiled.size >= MAX_ENTRIES) this.compiled.clear();
      this.compiled.set(key, policy);
    }
    return policy;
  }
}
