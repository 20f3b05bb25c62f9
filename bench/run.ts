import { cpus } from 'node:os';
import { run as runHttp } from './http.bench.js';
import { run as runPolicy } from './policy.bench.js';
import { run as runTokens } from './tokens.bench.js';
import { run as runReplay } from './replay.bench.js';
import { assumedCredentials, type StsBenchResult } from './sts.bench.js';
import { execFileSync } from 'node:child_process';

/**
 * `npm run bench`: every benchmark in one run, each against a baseline measured in the same run.
 * Figures are recorded in docs/performance.md with the machine they were measured on.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}\n`);

// The in-process micro-benchmarks first: twice, run after the HTTP benchmark in this process (which
// then holds tens of thousands of presigned requests), the policy cache rows' p99 came out 6-8 µs
// against about 1 µs run first or alone. The cause is not established; the larger heap is a guess.
const policy = runPolicy();
console.log('\nPolicy engine');
console.log(JSON.stringify(policy, null, 2));

const tokens = runTokens();
console.log('\nSTS tokens');
console.log(JSON.stringify(tokens, null, 2));

const http = await runHttp(seconds, assumedCredentials);
const ms = (value: number) => value.toFixed(1);
console.log(`\nHTTP (64 connections, server pinned to one core; ${http.rounds} alternating rounds of ${seconds} s passes, medians)`);
console.log(`  ${http.bare.name}: ${http.bare.requestsPerSecond.toFixed(0)} req/s, p50 ${ms(http.bare.p50Ms)} ms, p99 ${ms(http.bare.p99Ms)} ms, ${ms(http.bare.cpuMicrosPerRequest)} µs of CPU per request`);
console.log(`  (the reference server's fixed work costs ${ms(http.referenceWorkMicros)} µs per request by itself, median of the rounds)`);
for (const r of http.others) {
  console.log(`  ${r.name}: ${r.requestsPerSecond.toFixed(0)} req/s, p50 ${ms(r.p50Ms)} ms, p99 ${ms(r.p99Ms)} ms, ${ms(r.cpuMicrosPerRequest)} µs of CPU per request, non-2xx ${r.non2xx}, errors ${r.errors} — ${r.percentOfBare.toFixed(1)}% of bare (median of per-round ratios)`);
}
console.log('  open loop at each target rate, same 64 connections (median p99 of the rounds; latency counted from when each request was due):');
for (const r of http.atTargetRate) {
  console.log(`  ${r.name} offered ${r.offeredPercentOfBare}% of bare (${r.offeredPerSecond.toFixed(0)} req/s): answered ${r.requestsPerSecond.toFixed(0)} req/s, p50 ${ms(r.p50Ms)} ms, p99 ${ms(r.p99Ms)} ms, non-2xx ${r.non2xx}, errors ${r.errors}`);
}

// Pinned to one core like the HTTP servers: the gateway's process has a SQLite writer thread too.
const sts = JSON.parse(execFileSync('taskset', ['-c', '0', process.execPath, ...process.execArgv, 'bench/sts.bench.ts'], { encoding: 'utf8' })) as StsBenchResult;
console.log('\nSTS through the gateway (in process, pinned to one core; per second of CPU time, every thread counted)');
console.log(JSON.stringify(sts, null, 2));

const replay = await runReplay();
console.log('\nNonce replay guard');
console.log(JSON.stringify(replay, null, 2));
