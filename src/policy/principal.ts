import type { PrincipalBlock, TrustRequest } from './types.js';

/**
 * Trust-policy principals (api-facts §3.5). Only `RAM` entries can admit a RAM user or role:
 *   - `acs:ram::<id>:root` admits every RAM user and role of account <id>;
 *   - `acs:ram::<id>:user/<name>` admits that user only;
 *   - `acs:ram::<id>:role/<name>` admits sessions of that role only, the role name compared
 *     case-insensitively (roles are identified by their lower-cased name, §2.8).
 * `Service` and `Federated` entries are for service and SSO assumption, which do not go through this
 * check, so they never admit a user or role.
 */

type RamPrincipal =
  | { kind: 'root'; accountId: string }
  | { kind: 'user'; accountId: string; name: string }
  | { kind: 'role'; accountId: string; name: string };

// Callers' ARNs: the region field may be empty or `*`.
const CALLER_ARN = /^acs:ram:\*?:(\d+):(user|role)\/([^/]+)$/;

function ramPrincipal(arn: string): RamPrincipal | undefined {
  const root = /^acs:ram::(\d+):root$/.exec(arn);
  if (root !== null) return { kind: 'root', accountId: root[1] as string };
  const m = /^acs:ram::(\d+):(user|role)\/(.+)$/.exec(arn);
  if (m === null) return undefined;
  const kind = m[2] as 'user' | 'role';
  const name = m[3] as string;
  return { kind, accountId: m[1] as string, name: kind === 'role' ? name.toLowerCase() : name };
}

export type PrincipalMatcher = (caller: TrustRequest['principal']) => boolean;

export function compilePrincipal(block: PrincipalBlock): PrincipalMatcher {
  const principals = (block.RAM ?? []).map(ramPrincipal).filter((p): p is RamPrincipal => p !== undefined);
  return (caller) => {
    const m = CALLER_ARN.exec(caller.arn);
    if (m === null || m[2] !== caller.kind || m[1] !== caller.accountId) return false;
    const name = caller.kind === 'role' ? (m[3] as string).toLowerCase() : (m[3] as string);
    return principals.some((p) =>
      p.accountId === caller.accountId && (p.kind === 'root' || (p.kind === caller.kind && p.name === name)));
  };
}
