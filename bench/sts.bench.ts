/**
 * AssumeRole per second through the real gateway handler path, in process: the Gateway that
 * startServer wires (authentication with V3 signature and nonce, AssumeRole's two policy checks, the
 * role read, issuing, audit) is called with pre-signed requests, so neither HTTP nor client-side
 * signing is measured. Also: GetCallerIdentity signed with the issued STS credentials (token
 * verification on every request). Rates are per second of CPU time, every thread of the process
 * counted (see throughput). Goal: AssumeRole ≥ 10,000/s on one core. `run()` returns the
 * figures for bench/run.ts; run directly (`taskset -c 0 npx tsx bench/sts.bench.ts`) it prints them.
 */
import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Gateway } from '../src/gateway/gateway.js';
import type { HttpRequestParts } from '../src/gateway/rpc-request.js';
import { loadMasterKey } from '../src/secrets/master-key.js';
import { Sealer } from '../src/secrets/sealer.js';
import { createAccount } from '../src/services/accounts/accounts.js';
import { startServer } from '../src/server.js';
import { resolveServeConfig } from '../src/server/config.js';
import { openStore } from '../src/store/index.js';
import { RamModels, StsModels, ramClient, stsClient, type Keys } from '../test/helpers/sdk.js';
import { signedV3Request } from '../test/helpers/signer.js';
import reference from './reference-work.cjs';

export interface StsBenchResult {
  assumeRolePerSec: number;
  assumeRoleMicros: number;
  /** GetCallerIdentity signed with STS credentials: token verification on the request path. */
  stsGetCallerIdentityPerSec: number;
  /** Requests kept in flight against the gateway. */
  concurrency: number;
  /** What the reference work (bench/reference-work.cjs) cost alone in this process, µs: the machine's phase. */
  referenceWorkMicros: number;
}

const CONCURRENCY = 16;
const STS_VERSION = '2015-04-01';

/** Lets one HTTP request through, keeping the Gateway instance it ran on. */
async function captureGateway(trigger: () => Promise<unknown>): Promise<Gateway> {
  const original = Gateway.prototype.handle;
  let captured: Gateway | undefined;
  Gateway.prototype.handle = function (this: Gateway, parts: HttpRequestParts) {
    captured ??= this;
    return original.call(this, parts);
  };
  try {
    await trigger();
  } finally {
    Gateway.prototype.handle = original;
  }
  if (!captured) throw new Error('no request reached the gateway');
  return captured;
}

/** B's user allowed to assume A's role, set up through the RAM SDK as in product.md. */
async function scenario(dataDir: string, endpoint: string): Promise<{ user: Keys; roleArn: string }> {
  const store = await openStore({ dataDir });
  const sealer = new Sealer(loadMasterKey(dataDir));
  const [a, b] = [await createAccount(store, sealer, {}), await createAccount(store, sealer, {})];
  await store.close();
  const ramA = ramClient(a, { endpoint });
  const ramB = ramClient(b, { endpoint });
  const trust = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${b.accountId}:root`] } }] });
  await ramA.createRole(new RamModels.CreateRoleRequest({ roleName: 'arms-operator', assumeRolePolicyDocument: trust }));
  await ramA.attachPolicyToRole(new RamModels.AttachPolicyToRoleRequest({ policyType: 'System', policyName: 'AliyunARMSReadOnlyAccess', roleName: 'arms-operator' }));
  await ramB.createUser(new RamModels.CreateUserRequest({ userName: 'operator' }));
  const key = (await ramB.createAccessKey(new RamModels.CreateAccessKeyRequest({ userName: 'operator' }))).body.accessKey;
  await ramB.attachPolicyToUser(new RamModels.AttachPolicyToUserRequest({ policyType: 'System', policyName: 'AliyunSTSAssumeRoleAccess', userName: 'operator' }));
  return { user: { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret }, roleArn: `acs:ram::${a.accountId}:role/arms-operator` };
}

/**
 * STS credentials for bench/http.bench.ts's `extraCredentials` hook: the scenario set up on a running
 * server (its data directory is opened alongside it), then one AssumeRole.
 */
export async function assumedCredentials(httpUrl: string, dataDir: string): Promise<Array<{ name: string; targetPercent: number } & Required<Keys>>> {
  const endpoint = httpUrl.replace(/^http:\/\//, '');
  const { user, roleArn } = await scenario(dataDir, endpoint);
  const { credentials } = (await stsClient(user, { endpoint }).assumeRole(new StsModels.AssumeRoleRequest({ roleArn, roleSessionName: 'bench' }))).body;
  return [{ name: 'V3 GetCallerIdentity, STS credentials', targetPercent: 40, accessKeyId: credentials.accessKeyId, accessKeySecret: credentials.accessKeySecret, securityToken: credentials.securityToken }];
}

function parts(host: string, keys: Keys, action: string, query: Record<string, string> = {}): HttpRequestParts {
  const signed = signedV3Request({ ...keys, host, action, version: STS_VERSION, query });
  return { method: signed.method, url: signed.path, headers: signed.headers, body: Buffer.from(signed.body), secure: false, sourceIp: '127.0.0.1' };
}

/**
 * Resolves once the process has gone quiet — the write-behind queues (every 100 ms) handed over their
 * last batch and the SQLite writer finished it: less than 2 ms of CPU over a 100 ms stretch.
 */
async function settled(): Promise<void> {
  for (;;) {
    const before = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const used = process.cpuUsage(before);
    if (used.user + used.system < 2_000) return;
  }
}

/**
 * Runs every request through the gateway, CONCURRENCY at a time, and answers how many per second of
 * CPU time they cost, after checking each answered 200. Each request yields to the event loop once,
 * as a server's would, so the write-behind timers fire and the SQLite writer thread works while the
 * requests run; the CPU time is the whole process's (writer thread included), read once the last
 * batch was written. Pinned to one core (bench/run.ts), CPU time is the core's time.
 */
async function throughput(gateway: Gateway, requests: HttpRequestParts[]): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const answer = await gateway.handle(requests[next++]!);
      if (answer.status !== 200) throw new Error(`status ${answer.status}: ${String(answer.body)}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const start = process.cpuUsage();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await settled();
  const used = process.cpuUsage(start);
  return requests.length / ((used.user + used.system) / 1e6);
}

export async function run(count = 30_000): Promise<StsBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ramstack-bench-'));
  const server = await startServer(resolveServeConfig({ port: '0', tlsPort: '0', data: dataDir, logLevel: 'silent' }, {}));
  try {
    const endpoint = server.httpUrl.replace(/^http:\/\//, '');
    const { user, roleArn } = await scenario(dataDir, endpoint);
    const assume = new StsModels.AssumeRoleRequest({ roleArn, roleSessionName: 'bench' });
    let session: Keys | undefined;
    const gateway = await captureGateway(async () => {
      const { credentials } = (await stsClient(user, { endpoint }).assumeRole(assume)).body;
      session = { accessKeyId: credentials.accessKeyId, accessKeySecret: credentials.accessKeySecret, securityToken: credentials.securityToken };
    });
    const query = { RoleArn: roleArn, RoleSessionName: 'bench' };
    // Warm-up: policy sets compiled, trust policy cached, JIT settled.
    await throughput(gateway, Array.from({ length: 2000 }, () => parts(endpoint, user, 'AssumeRole', query)));
    const referenceWorkMicros = reference.alone();
    const assumeRolePerSec = await throughput(gateway, Array.from({ length: count }, () => parts(endpoint, user, 'AssumeRole', query)));
    const stsGetCallerIdentityPerSec = await throughput(gateway, Array.from({ length: count }, () => parts(endpoint, session!, 'GetCallerIdentity')));
    return { assumeRolePerSec, assumeRoleMicros: 1e6 / assumeRolePerSec, stsGetCallerIdentityPerSec, concurrency: CONCURRENCY, referenceWorkMicros };
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2));
}
