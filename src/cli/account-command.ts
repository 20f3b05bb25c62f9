import type { Command } from 'commander';
import { AccountInputError, createAccount, listAccounts } from '../services/accounts/accounts.js';
import { usingStore, withStoreOptions, type StoreFlags } from './store-options.js';

export function registerAccountCommands(program: Command): void {
  const account = program.command('account').description('create and list accounts (tenants)');

  withStoreOptions(account.command('create'))
    .description('create an account with its root password and AccessKey (printed once)')
    .option('--alias <name>', 'account alias: lowercase letters, digits, hyphens; 3-32 chars')
    .option('--email <email>', 'account owner email')
    .option('--json', 'print one JSON object')
    .action(async (flags: StoreFlags & { alias?: string; email?: string; json?: boolean }) => {
      await usingStore(flags, async ({ store, sealer }) => {
        const created = await createAccount(store, sealer, { ...(flags.alias ? { alias: flags.alias } : {}), ...(flags.email ? { email: flags.email } : {}) });
        if (flags.json) {
          process.stdout.write(JSON.stringify(created) + '\n');
        } else {
          process.stdout.write(
            [
              `Account ${created.accountId} created${created.alias ? ` (alias ${created.alias})` : ''}.`,
              `  default domain:    ${created.defaultDomain}`,
              `  root password:     ${created.rootPassword}`,
              `  AccessKeyId:       ${created.accessKeyId}`,
              `  AccessKeySecret:   ${created.accessKeySecret}`,
              'The password and the AccessKey secret are shown only now: store them safely.',
            ].join('\n') + '\n',
          );
        }
      }, AccountInputError);
    });

  withStoreOptions(account.command('list'))
    .description('list accounts')
    .option('--json', 'print a JSON array')
    .action(async (flags: StoreFlags & { json?: boolean }) => {
      await usingStore(flags, async ({ store }) => {
        const accounts = await listAccounts(store);
        if (flags.json) process.stdout.write(JSON.stringify(accounts) + '\n');
        else for (const a of accounts) process.stdout.write(`${a.accountId}  ${a.alias ?? '-'}  ${a.defaultDomain}  ${a.createdAt}\n`);
      });
    });
}
