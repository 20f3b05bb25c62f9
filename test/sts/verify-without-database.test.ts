import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Sealer } from '../../src/secrets/sealer.js';
import { StsRuntime } from '../../src/services/sts/sts-runtime.js';
import { TemporaryCredentialResolver } from '../../src/services/sts/temporary-credentials.js';
import { ROTATION_GRACE_SECONDS, rotateKeyRing } from '../../src/services/sts/key-ring-store.js';
import { revokeRoleSessions } from '../../src/services/sts/revocations.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { KeyRing, MAX_SESSION_SECONDS, issueCredentials, type SessionGrant } from '../../src/tokens/index.js';
import { tempDir } from '../helpers/stores.js';

const sealer = new Sealer({ id: 'test', key: Buffer.alloc(32, 7) });
const grant: SessionGrant = {
  roleAccountId: '1111111111111111', roleId: '300000000000000001', roleName: 'arms-operator', sessionName: 'alice',
  callerArn: 'acs:ram::2222222222222222:user/bob', callerAccountId: '2222222222222222', callerType: 'user', callerPrincipalId: '200000000000000001',
  durationSeconds: 3600,
};

/** Every way to reach the database through a Store: queries, transactions and the two write-behind paths. */
const DATABASE_ACCESS = new Set<PropertyKey>(['db', 'transaction', 'writeBehind', 'appendBehind'] satisfies (keyof Store)[]);

/** A store whose every database access — read or write — is counted. */
function counting(store: Store): { store: Store; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(store, { get: (target, prop, receiver) => (DATABASE_ACCESS.has(prop) && reads++, Reflect.get(target, prop, receiver)) });
  return { store: proxy, reads: () => reads };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  // Last in, first out: the nodes close before their data directory is removed.
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function node(dir: string, refreshIntervalMs = 3_600_000) {
  const counted = counting(await openSqliteStore(dir));
  const runtime = await StsRuntime.start(counted.store, sealer, { clock: Date.now, onError: (err) => { throw err; }, refreshIntervalMs });
  cleanups.push(async () => { await runtime.close(); await counted.store.close(); });
  return { ...counted, runtime, resolver: new TemporaryCredentialResolver(runtime) };
}

/** A data directory removed after the test; every node opened on it shares its SQLite file. */
function dataDir(): string {
  const dir = tempDir();
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Two nodes on one directory, the first of which has rotated in a new key. Two SQLite connections:
 * their change feeds do not reach each other, and the refresh is an hour away.
 */
async function nodesAfterRotation() {
  const dir = dataDir();
  const rotating = await node(dir);
  const other = await node(dir);
  await rotateKeyRing(rotating.store, sealer, Date.now());
  await rotating.runtime.reloadRing();
  return { rotating, other };
}

describe('verifying a temporary credential', () => {
  it('never touches the database', async () => {
    const { runtime, resolver, reads } = await node(dataDir());
    const issued = Array.from({ length: 50 }, () => issueCredentials(runtime.ring, grant, Date.now()));
    const before = reads();
    for (const c of issued) {
      const { caller, secret } = await resolver.resolve(c.accessKeyId, c.securityToken, Date.now());
      expect(secret).toBe(c.accessKeySecret);
      expect(caller).toMatchObject({ kind: 'session', accountId: grant.roleAccountId, arn: 'acs:ram::1111111111111111:assumed-role/arms-operator/alice' });
    }
    expect(reads() - before).toBe(0);
  });

  it('with a key rotated by another node (no change feed between them) reloads the ring once and succeeds', async () => {
    const { rotating, other } = await nodesAfterRotation();
    const issued = issueCredentials(rotating.runtime.ring, grant, Date.now());
    const before = other.reads();
    await expect(other.resolver.resolve(issued.accessKeyId, issued.securityToken, Date.now())).resolves.toMatchObject({ secret: issued.accessKeySecret });
    expect(other.reads() - before).toBe(1);
  });

  it('under concurrent tokens of a newly rotated key reloads the ring once', async () => {
    const { rotating, other } = await nodesAfterRotation();
    const tokens = Array.from({ length: 20 }, () => issueCredentials(rotating.runtime.ring, grant, Date.now()));
    const before = other.reads();
    const results = await Promise.allSettled(tokens.map((c) => other.resolver.resolve(c.accessKeyId, c.securityToken, Date.now())));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(other.reads() - before).toBe(1);
  });

  it('threat: forged tokens naming unknown keys cannot make a node hammer the database (one reload per interval)', async () => {
    const { resolver, reads } = await node(dataDir());
    const before = reads();
    for (let i = 0; i < 10; i++) {
      const forged = issueCredentials(KeyRing.generate(Date.now()), grant, Date.now());
      await expect(resolver.resolve(forged.accessKeyId, forged.securityToken, Date.now())).rejects.toMatchObject({ code: 'InvalidSecurityToken.Malformed' });
    }
    expect(reads() - before).toBe(1);
  });
});

describe('a token verified before (the per-token cache) is still checked on every request', () => {
  const later = (ms: number) => Date.now() + ms;

  it('threat: a token used once and then expired is refused with InvalidSecurityToken.Expired', async () => {
    const { runtime, resolver } = await node(dataDir());
    const issued = issueCredentials(runtime.ring, { ...grant, durationSeconds: 900 }, Date.now());
    await resolver.resolve(issued.accessKeyId, issued.securityToken, Date.now());
    await expect(resolver.resolve(issued.accessKeyId, issued.securityToken, later(901_000))).rejects.toMatchObject({ code: 'InvalidSecurityToken.Expired' });
  });

  it('threat: a token used once under its own AccessKeyId is refused under another with MismatchWithAccessKey', async () => {
    const { runtime, resolver } = await node(dataDir());
    const mine = issueCredentials(runtime.ring, grant, Date.now());
    const theirs = issueCredentials(runtime.ring, grant, Date.now());
    await resolver.resolve(mine.accessKeyId, mine.securityToken, Date.now());
    await expect(resolver.resolve(theirs.accessKeyId, mine.securityToken, Date.now())).rejects.toMatchObject({ code: 'InvalidSecurityToken.MismatchWithAccessKey' });
  });

  it('threat: a token used once is refused after its key was pruned from the ring', async () => {
    const dir = dataDir();
    const { runtime, resolver, store } = await node(dir);
    const issued = issueCredentials(runtime.ring, grant, Date.now());
    await resolver.resolve(issued.accessKeyId, issued.securityToken, Date.now());
    await rotateKeyRing(store, sealer, Date.now());
    const rotation = await rotateKeyRing(store, sealer, later((MAX_SESSION_SECONDS + ROTATION_GRACE_SECONDS) * 1000));
    expect(rotation.pruned).toHaveLength(1);
    await runtime.reloadRing();
    await expect(resolver.resolve(issued.accessKeyId, issued.securityToken, Date.now())).rejects.toMatchObject({ code: 'InvalidSecurityToken.Malformed' });
  });

  it("threat: a token used once is refused after its role's sessions were revoked", async () => {
    const { runtime, resolver, store } = await node(dataDir());
    const issued = issueCredentials(runtime.ring, grant, Date.now() - 5000);
    await resolver.resolve(issued.accessKeyId, issued.securityToken, Date.now());
    await revokeRoleSessions(store, grant.roleAccountId, grant.roleId, Date.now());
    await runtime.reloadRevocations();
    await expect(resolver.resolve(issued.accessKeyId, issued.securityToken, Date.now())).rejects.toMatchObject({ code: 'InvalidSecurityToken.Revoked' });
  });

  it('answers a token used again with the same caller and secret', async () => {
    const { runtime, resolver } = await node(dataDir());
    const issued = issueCredentials(runtime.ring, grant, Date.now());
    const first = await resolver.resolve(issued.accessKeyId, issued.securityToken, Date.now());
    const again = await resolver.resolve(issued.accessKeyId, issued.securityToken, Date.now());
    expect(again).toEqual(first);
    expect(again.secret).toBe(issued.accessKeySecret);
  });
});
