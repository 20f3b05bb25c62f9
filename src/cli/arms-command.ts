import { Option, type Command } from 'commander';
import { ArmsInputError, createTraceAppAsOperator } from '../services/arms/operator.js';
import { APP_TYPES, type AppType } from '../services/arms/trace-app-store.js';
import { usingStore, withStoreOptions, type StoreFlags } from './store-options.js';

interface CreateAppFlags extends StoreFlags {
  account: string;
  region: string;
  name: string;
  type: AppType;
  label: string[];
  json?: boolean;
}

export function registerArmsCommands(program: Command): void {
  const arms = program.command('arms').description('ARMS resources that real agents would create');

  withStoreOptions(arms.command('create-app'))
    .description('create a trace application in an account and region, as an agent reporting for the first time would')
    .requiredOption('--account <id>', 'account ID')
    .requiredOption('--region <id>', 'region ID, e.g. cn-hangzhou')
    .requiredOption('--name <name>', 'application name (unique in the account and region)')
    .addOption(new Option('--type <type>', 'application type').choices(APP_TYPES).default('TRACE'))
    .option('--label <label>', 'a label to show on the app (repeatable)', (value: string, all: string[]) => [...all, value], [])
    .option('--json', 'print the app as GetTraceApp returns it')
    .action(async (flags: CreateAppFlags) => {
      await usingStore(flags, async ({ store }) => {
        const app = await createTraceAppAsOperator(store, { accountId: flags.account, regionId: flags.region, appName: flags.name, type: flags.type, labels: flags.label });
        process.stdout.write(flags.json ? JSON.stringify(app) + '\n' : `App ${app.AppName} created in ${app.RegionId}: AppId ${app.AppId}, Pid ${app.Pid}.\n`);
      }, ArmsInputError);
    });
}
