import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MasterKey } from './sealer.js';

/**
 * The master key comes from RAMSTACK_MASTER_KEY (base64 of 32 bytes) or, when unset, from
 * `<data>/master.key`, created on first start with mode 0600. Its id is a short hash of the key, so a
 * sealed value says which key opens it without revealing anything about the key.
 */
export function masterKeyFrom(key: Buffer): MasterKey {
  if (key.length !== 32) throw new Error('RAMSTACK_MASTER_KEY must be base64 of exactly 32 bytes');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

export function loadMasterKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): MasterKey {
  const fromEnv = env.RAMSTACK_MASTER_KEY;
  if (fromEnv) return masterKeyFrom(Buffer.from(fromEnv, 'base64'));
  const file = join(dataDir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process (a CLI beside the server) created it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  chmodSync(file, 0o600);
  return masterKeyFrom(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
}
