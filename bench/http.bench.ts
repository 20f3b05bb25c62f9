import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { signedV3Request, type SignedRequest } from '../test/helpers/signer.js';

/**
 * Requests per second of a bare node:http server answering a small JSON body and of ramstack
 * answering signed V3 GetCallerIdentity calls, measured in one run with the same load generator and
 * connection count. Both servers are pinned to core 0 (taskset), only one under load at a time;
 * autocannon runs here, on core 1. On a shared virtual machine the throughput of a core drifts (up to
 * twofold within minutes here), so the passes are short and alternate — a bare pass, then one per
 * ramstack credential, for ROUNDS rounds — and each ratio is taken within its round, where both sides
 * met the same machine; the figure reported is the median of those ratios (and of the rates).
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONNECTIONS = 64;
const ROUNDS = 5;

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

function pinned(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn('taskset', ['-c', '0', process.execPath, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

function waitFor(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d.toString();
      const match = pattern.exec(seen);
      if (match) resolve(match);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${seen}`)));
  });
}

/** Enough distinct signed requests for a pass (each nonce is accepted once), signed before it starts. */
const PRESIGNED_PER_SECOND = 30_000;

async function load(name: string, url: string, durationSeconds: number, requestFor?: () => SignedRequest): Promise<LoadResult> {
  // Signing inside the load generator would make it, not the server, the bottleneck.
  const presigned = requestFor ? Array.from({ length: PRESIGNED_PER_SECOND * durationSeconds }, requestFor) : [];
  let next = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: durationSeconds,
    ...(requestFor
      ? {
          requests: [
            {
              setupRequest: (req: any) => {
                const signed = presigned[next++ % presigned.length]!;
                return { ...req, method: signed.method, path: signed.path, headers: signed.headers };
              },
            },
          ],
        }
      : {}),
  });
  return { name, requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

const BARE = `
  require('node:http').createServer((req, res) => {
    const body = JSON.stringify({ RequestId: 'B1E4C5F0-0000-4000-8000-000000000000', ok: true });
    res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }).listen(0, '127.0.0.1', function () { console.log('listening ' + this.address().port); });`;

export interface HttpBenchResult {
  bare: LoadResult;
  ramstack: Array<LoadResult & { percentOfBare: number }>;
  rounds: number;
}

function median<T>(values: T[], by: (value: T) => number): T {
  return [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)]!;
}

/** Runs the bare baseline and ramstack with each credential kind the caller can provide, alternating. */
export async function run(durationSeconds = 10, extraCredentials?: (httpUrl: string, dataDir: string) => Promise<Array<{ name: string; accessKeyId: string; accessKeySecret: string; securityToken?: string }>>): Promise<HttpBenchResult> {
  const bareServer = pinned(['-e', BARE]);
  const dataDir = mkdtempSync(join(tmpdir(), 'ramstack-bench-'));
  const server = pinned(['dist/cli/main.js', 'serve', '--port', '0', '--tls-port', '0', '--data', dataDir, '--log-level', 'warn']);
  try {
    const bareUrl = `http://127.0.0.1:${(await waitFor(bareServer, /listening (\d+)/))[1]}`;
    const [, httpUrl] = (await waitFor(server, /ramstack: serving (\S+) and/)) as unknown as [string, string];
    const created = await new Promise<string>((resolve, reject) => {
      const cli = spawn(process.execPath, ['dist/cli/main.js', 'account', 'create', '--json', '--data', dataDir], { cwd: ROOT });
      let out = '';
      cli.stdout.on('data', (d) => (out += d));
      cli.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`account create exited ${code}`))));
    });
    const account = JSON.parse(created) as { accessKeyId: string; accessKeySecret: string };
    const host = httpUrl.replace('http://', '');
    const credentials = [{ name: 'ramstack V3 GetCallerIdentity, long-term key', ...account }, ...((await extraCredentials?.(httpUrl, dataDir)) ?? [])];
    const targets = credentials.map(({ name, ...keys }) => ({ name, sign: () => signedV3Request({ ...keys, host, action: 'GetCallerIdentity', version: '2015-04-01' }) }));
    // A warm-up pass per server fills the key caches and settles the JIT before anything is measured.
    await load('warm-up', bareUrl, 2);
    for (const { name, sign } of targets) await load(name, httpUrl, 2, sign);

    const bareRounds: LoadResult[] = [];
    const rounds: LoadResult[][] = targets.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      bareRounds.push(await load('bare node:http, small JSON', bareUrl, durationSeconds));
      for (const [i, { name, sign }] of targets.entries()) rounds[i]!.push(await load(name, httpUrl, durationSeconds, sign));
    }
    const byRate = (r: LoadResult) => r.requestsPerSecond;
    const ramstack = rounds.map((passes) => ({
      ...median(passes, byRate),
      percentOfBare: median(passes.map((pass, round) => (100 * pass.requestsPerSecond) / bareRounds[round]!.requestsPerSecond), (ratio) => ratio),
    }));
    return { bare: median(bareRounds, byRate), ramstack, rounds: ROUNDS };
  } finally {
    bareServer.kill();
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
