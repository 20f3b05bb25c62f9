#!/usr/bin/env node
import { Command } from 'commander';
import { registerAccountCommands } from './account-command.js';
import { registerAuditCommands } from './audit-command.js';
import { registerPolicyCommands } from './policy-command.js';
import { registerKeysCommands } from './keys-command.js';
import { registerRoleCommands } from './role-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerArmsCommands } from './arms-command.js';

const program = new Command('ramstack').description('Alibaba Cloud-compatible RAM + STS service').showHelpAfterError();
registerServeCommand(program);
registerAccountCommands(program);
registerAuditCommands(program);
registerPolicyCommands(program);
registerKeysCommands(program);
registerRoleCommands(program);
registerArmsCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
