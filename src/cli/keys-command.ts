import type { Command } from 'commander';
import { rotateKeyRing } from '../services/sts/key-ring-store.js';
import { usingStore, withStoreOptions, type StoreFlags } from './store-options.js';

export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('manage the STS signing key ring');

  withStoreOptions(keys.command('rotate'))
    .description('add a new STS signing key (used for new sessions at once); older keys verify until their sessions have expired, then are pruned')
    .option('--json', 'print one JSON object')
    .action(async (flags: StoreFlags & { json?: boolean }) => {
      await usingStore(flags, async ({ store, sealer }) => {
        const rotation = await rotateKeyRing(store, sealer, Date.now());
        if (flags.json) process.stdout.write(JSON.stringify(rotation) + '\n');
        else {
          process.stdout.write(`New STS signing key ${rotation.newKeyId}; ring: ${rotation.keyIds.join(', ')}\n`);
          if (rotation.pruned.length > 0) process.stdout.write(`Pruned expired keys: ${rotation.pruned.join(', ')}\n`);
        }
      });
    });
}
