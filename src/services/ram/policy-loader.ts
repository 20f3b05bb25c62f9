import { findSystemPolicy } from '../../policy/index.js';
import type { Db } from './access-common.js';

/**
 * What the gateway's authorizer and STS read from the store: the policies that apply to a principal,
 * and a role by name. Compiling and caching them is the caller's job.
 */

export type PrincipalRef =
  | { kind: 'user'; accountId: string; userId: string }
  | { kind: 'role'; accountId: string; roleId: string };

export interface LoadedPolicy {
  source: { type: 'System' | 'Custom'; name: string; version: string; attachedTo: 'RamUser' | 'RamGroup' | 'RamRole' };
  document: string;
}

const ATTACHED_TO = { User: 'RamUser', Group: 'RamGroup', Role: 'RamRole' } as const;

/**
 * A user's own attachments plus those of its groups, or a role's attachments, in one query: custom
 * policies come with their default version's document, system policies from the seed data.
 */
export async function loadPrincipalPolicies(db: Db, principal: PrincipalRef): Promise<LoadedPolicy[]> {
  const { accountId } = principal;
  const rows = await db
    .selectFrom('policy_attachments as a')
    .leftJoin('policies as p', (join) => join.onRef('p.account_id', '=', 'a.account_id').onRef('p.policy_name_key', '=', 'a.policy_name_key').on('a.policy_type', '=', 'Custom'))
    .leftJoin('policy_versions as v', (join) => join.onRef('v.account_id', '=', 'p.account_id').onRef('v.policy_name_key', '=', 'p.policy_name_key').onRef('v.version_id', '=', 'p.default_version'))
    .select(['a.principal_type', 'a.policy_type', 'a.policy_name_key', 'p.policy_name', 'p.default_version', 'v.document'])
    .where('a.account_id', '=', accountId)
    .where((eb) => principal.kind === 'role'
      ? eb.and([eb('a.principal_type', '=', 'Role'), eb('a.principal_id', '=', principal.roleId)])
      : eb.or([
        eb.and([eb('a.principal_type', '=', 'User'), eb('a.principal_id', '=', principal.userId)]),
        eb.and([
          eb('a.principal_type', '=', 'Group'),
          eb('a.principal_id', 'in', eb.selectFrom('group_members').select('group_id').where('account_id', '=', accountId).where('user_id', '=', principal.userId)),
        ]),
      ]))
    .execute();
  return rows.flatMap((r): LoadedPolicy[] => {
    const attachedTo = ATTACHED_TO[r.principal_type];
    if (r.policy_type === 'System') {
      // A system policy dropped from the seed data grants nothing.
      const system = findSystemPolicy(r.policy_name_key);
      return system ? [{ source: { type: 'System', name: system.name, version: system.versionId, attachedTo }, document: system.document }] : [];
    }
    if (r.policy_name === null || r.default_version === null || r.document === null) return [];
    return [{ source: { type: 'Custom', name: r.policy_name, version: r.default_version, attachedTo }, document: r.document }];
  });
}

export interface RoleForSts {
  roleId: string;
  roleName: string;
  trustPolicy: string;
  maxSessionDuration: number;
}

/** A role by name, regardless of case (roles are identified by their lower-cased name, api-facts §2.8). */
export async function loadRoleByName(db: Db, accountId: string, roleName: string): Promise<RoleForSts | undefined> {
  const row = await db.selectFrom('roles')
    .select(['role_id', 'role_name', 'trust_policy', 'max_session_duration'])
    .where('account_id', '=', accountId).where('role_name_key', '=', roleName.toLowerCase())
    .executeTakeFirst();
  return row && { roleId: row.role_id, roleName: row.role_name, trustPolicy: row.trust_policy, maxSessionDuration: row.max_session_duration };
}
