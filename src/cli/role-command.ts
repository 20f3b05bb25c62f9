import type { Command } from 'commander';
import { loadRoleByName } from '../services/ram/policy-loader.js';
import { revokeRoleSessions } from '../services/sts/revocations.js';
import { reportInputError, usingStore, withStoreOptions, type StoreFlags } from './store-options.js';

export function registerRoleCommands(program: Command): void {
  const role = program.command('role').description('operate on RAM roles');

  withStoreOptions(role.command('revoke-sessions'))
    .description("revoke every session of a role issued until now (and sessions chained from them); running servers refuse them with InvalidSecurityToken.Revoked")
    .requiredOption('--account <id>', 'the account that owns the role')
    .requiredOption('--role <name>', 'the role name')
    .action(async (flags: StoreFlags & { account: string; role: string }) => {
      await usingStore(flags, async ({ store }) => {
        const found = await loadRoleByName(store.db, flags.account, flags.role);
        if (!found) {
          reportInputError(`account ${flags.account} has no role named ${flags.role}`);
          return;
        }
        const revokedBefore = await revokeRoleSessions(store, flags.account, found.roleId, Date.now());
        process.stdout.write(`Sessions of role ${found.roleName} issued before ${new Date(revokedBefore * 1000).toISOString()} are revoked.\n`);
      });
    });
}
