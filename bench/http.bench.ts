import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signedV3Request } from '../test/helpers/signer.js';
import { generateLoad, serializeRequest, type LoadResult } from './load-generator.js';
import reference from './reference-work.cjs';

const { REFERENCE_HASHES } = reference;

/**
 * Requests per second of a bare node:http server answering a small JSON body and of ramstack
 * answering signed V3 GetCallerIdentity calls, measured in one run with the same load generator
 * (bench/load-generator.ts), the same connection count and the same requests: the bare server gets
 * signed GetCallerIdentity requests too and ignores them, so the two differ only in what the server
 * does. Servers are pinned to core 0 (taskset), one under load at a time; the generator runs here, on
 * core 1. On a shared virtual machine the throughput of a core drifts (up to twofold within minutes
 * here), so the passes are short and alternate — a bare pass, then one per other server, for ROUNDS
 * rounds — and each ratio is taken within its round, where both sides met the same machine; the
 * figure reported is the median of those ratios (and of the rates).
 *
 * A third server is the bare one doing a fixed amount of CPU work per request (bench/reference-work.cjs;
 * what that work costs on its own is measured each round). It shows what per-request work costs under
 * load on this machine when a server runs each request between its socket read and write, as the bare
 * server does and ramstack's endpoint no longer does (docs/performance.md).
 *
 * Latency at the target rate: a closed loop at 64 connections measures a saturated server, whose
 * latency is set by the connection count (Little's law: 64 requests in flight at R requests/s wait
 * 64/R s on average, 3 ms for the bare server at 21,000/s). So each round also offers every ramstack
 * target its goal rate — its target share of that round's bare rate — in an open loop over the same
 * 64 connections, and the bare server half its own rate as the floor; the p99 reported there is
 * counted from when each request was due (bench/load-generator.ts).
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONNECTIONS = 64;
const ROUNDS = 5;
/** Signed requests made per second of a ramstack pass, ahead of it: each nonce is accepted once. */
const PRESIGNED_PER_SECOND = 40_000;

export interface NamedResult extends LoadResult {
  name: string;
  /**
   * CPU time the server process spent per answered request during the pass, µs: every thread
   * counted (ramstack's SQLite writer and V8's helpers too), user and system, from /proc.
   */
  cpuMicrosPerRequest: number;
}

/** User plus system CPU time of every thread of a process so far, µs (Linux /proc; ticks of 10 ms). */
function processCpuMicros(pid: number): number {
  let ticks = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
    } catch {
      continue; // a thread that ended between the listing and the read
    }
    // Fields after the command name, which may hold spaces: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10_000;
}

function pinned(args: string[]): ChildProcess {
  return spawn('taskset', ['-c', '0', process.execPath, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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

const REFERENCE_WORK = join(ROOT, 'bench', 'reference-work.cjs');

/**
 * The bare server; with `withWork` it also does the reference work (bench/reference-work.cjs) per
 * request, and asked `GET /alone` it answers what that work costs by itself, measured between passes
 * when nothing else runs on its core.
 */
const bareServer = (withWork: boolean) => `
  const { work, alone } = require(${JSON.stringify(REFERENCE_WORK)});
  require('node:http').createServer((req, res) => {
    const body = req.url === '/alone' ? String(alone()) : JSON.stringify({ RequestId: 'B1E4C5F0-0000-4000-8000-000000000000', ok: true${withWork ? ', work: work().slice(0, 8)' : ''} });
    res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }).listen(0, '127.0.0.1', function () { console.log('listening ' + this.address().port); });`;

interface Target {
  name: string;
  port: number;
  /** The server's process (taskset execs node, so the child's pid is the server's). */
  pid: number;
  /** Requests for one pass of the given length. */
  requests: (seconds: number) => Buffer[];
  /** The share of the bare server's rate this target is to reach (issues #3 and #6), percent. */
  targetPercent?: number;
}

/** A closed-loop pass, or an open-loop one at `ratePerSecond`. */
async function pass(target: Target, durationSeconds: number, ratePerSecond?: number): Promise<NamedResult> {
  const requests = target.requests(durationSeconds);
  const cpuBefore = processCpuMicros(target.pid);
  const load = await generateLoad({ host: '127.0.0.1', port: target.port, connections: CONNECTIONS, durationSeconds, requests, ...(ratePerSecond ? { ratePerSecond } : {}) });
  return { name: target.name, ...load, cpuMicrosPerRequest: (processCpuMicros(target.pid) - cpuBefore) / load.completed };
}

/** An open-loop pass at a given share of the round's bare rate. */
export interface RatedResult extends NamedResult {
  /** Offered rate as a percentage of the same round's closed-loop bare rate. */
  offeredPercentOfBare: number;
  offeredPerSecond: number;
}

export interface HttpBenchResult {
  bare: NamedResult;
  /** The other servers, each with the median of its per-round ratios to the bare pass. */
  others: Array<NamedResult & { percentOfBare: number }>;
  /** Open-loop passes at each target's goal rate (and the bare server at half its rate), median p99 of the rounds. */
  atTargetRate: RatedResult[];
  /** What the reference server's fixed work costs alone, µs per request (median over the rounds). */
  referenceWorkMicros: number;
  rounds: number;
}

function median<T>(values: T[], by: (value: T) => number): T {
  return [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)]!;
}

type ExtraCredentials = (httpUrl: string, dataDir: string) => Promise<Array<{ name: string; targetPercent: number; accessKeyId: string; accessKeySecret: string; securityToken?: string }>>;

/** Runs the bare baseline, the reference and ramstack with each credential kind the caller can provide, alternating. */
export async function run(durationSeconds = 10, extraCredentials?: ExtraCredentials): Promise<HttpBenchResult> {
  const bare = pinned(['-e', bareServer(false)]);
  const reference = pinned(['-e', bareServer(true)]);
  const dataDir = mkdtempSync(join(tmpdir(), 'ramstack-bench-'));
  const server = pinned(['dist/cli/main.js', 'serve', '--port', '0', '--tls-port', '0', '--data', dataDir, '--log-level', 'warn']);
  try {
    const barePort = Number((await waitFor(bare, /listening (\d+)/))[1]);
    const referencePort = Number((await waitFor(reference, /listening (\d+)/))[1]);
    const [, httpUrl] = (await waitFor(server, /ramstack: serving (\S+) and/)) as unknown as [string, string];
    const created = await new Promise<string>((resolve, reject) => {
      const cli = spawn(process.execPath, ['dist/cli/main.js', 'account', 'create', '--json', '--data', dataDir], { cwd: ROOT });
      let out = '';
      cli.stdout.on('data', (d) => (out += d));
      cli.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`account create exited ${code}`))));
    });
    const account = JSON.parse(created) as { accessKeyId: string; accessKeySecret: string };
    const host = httpUrl.replace('http://', '');
    const credentials = [{ name: 'ramstack V3 GetCallerIdentity, long-term key', targetPercent: 50, ...account }, ...((await extraCredentials?.(httpUrl, dataDir)) ?? [])];
    const signedFor = (keys: Omit<(typeof credentials)[number], 'name' | 'targetPercent'>, count: number) =>
      Array.from({ length: count }, () => {
        const signed = signedV3Request({ ...keys, host, action: 'GetCallerIdentity', version: '2015-04-01' });
        return serializeRequest(signed.method, signed.path, host, signed.headers, signed.body);
      });
    // The baselines ignore what they are sent: a few thousand signed requests, taken in turn, are the same bytes on the wire.
    const sample = signedFor(account, 5_000);
    const bareTarget: Target = { name: 'bare node:http, small JSON', port: barePort, pid: bare.pid!, requests: () => sample };
    const others: Target[] = [
      { name: `bare node:http + reference work (${REFERENCE_HASHES} SHA-256) per request`, port: referencePort, pid: reference.pid!, requests: () => sample },
      ...credentials.map(({ name, targetPercent, ...keys }) => ({ name, targetPercent, port: Number(new URL(httpUrl).port), pid: server.pid!, requests: (seconds: number) => signedFor(keys, PRESIGNED_PER_SECOND * seconds) })),
    ];
    const rated = [{ target: bareTarget, percent: 50 }, ...others.flatMap((target) => (target.targetPercent ? [{ target, percent: target.targetPercent }] : []))];
    // A warm-up pass per server fills the key caches and settles the JIT before anything is measured.
    for (const target of [bareTarget, ...others]) await pass(target, 2);

    const referenceAlone: number[] = [];
    const bareRounds: NamedResult[] = [];
    const rounds: NamedResult[][] = others.map(() => []);
    const ratedRounds: RatedResult[][] = rated.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      referenceAlone.push(Number(await (await fetch(`http://127.0.0.1:${referencePort}/alone`)).text()));
      const bareRound = await pass(bareTarget, durationSeconds);
      bareRounds.push(bareRound);
      for (const [i, target] of others.entries()) rounds[i]!.push(await pass(target, durationSeconds));
      for (const [i, { target, percent }] of rated.entries()) {
        const offeredPerSecond = (bareRound.requestsPerSecond * percent) / 100;
        ratedRounds[i]!.push({ ...(await pass(target, durationSeconds, offeredPerSecond)), offeredPercentOfBare: percent, offeredPerSecond });
      }
    }
    const byRate = (r: NamedResult) => r.requestsPerSecond;
    return {
      bare: median(bareRounds, byRate),
      others: rounds.map((passes) => ({
        ...median(passes, byRate),
        percentOfBare: median(passes.map((p, round) => (100 * p.requestsPerSecond) / bareRounds[round]!.requestsPerSecond), (ratio) => ratio),
      })),
      atTargetRate: ratedRounds.map((passes) => median(passes, (p) => p.p99Ms)),
      referenceWorkMicros: median(referenceAlone, (micros) => micros),
      rounds: ROUNDS,
    };
  } finally {
    bare.kill();
    reference.kill();
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
