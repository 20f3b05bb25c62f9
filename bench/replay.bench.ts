/**
 * Micro-benchmark of the SignatureNonce replay guard: claims per second of the in-memory window,
 * of the SQLite guard (window + batched writes), of the PostgreSQL guard (shared table, micro-batched
 * inserts, 256 claims in flight as from concurrent requests), next to one synchronous=FULL insert per
 * claim for scale; and the memory a remembered nonce costs (typed arrays counted by the window, and
 * the process's arrayBuffers/heap growth over 1M claims, once the write queue is flushed). `run()` returns the figures for
 * bench/run.ts; run directly (`npx tsx bench/replay.bench.ts`) it prints them. PostgreSQL is RAMSTACK_TEST_PG_URL or the test default;
 * when unreachable its figure is null.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createNonceGuard, nonceKey, NonceWindow } from '../src/gateway/replay/index.js';
import { openPostgresStore } from '../src/store/postgres.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/store.js';

export interface ReplayBenchResult {
  windowClaimsPerSec: number;
  sqliteClaimsPerSec: number;
  postgresClaimsPerSec: number | null;
  /** One synchronous=FULL SQLite insert per claim: what the batching avoids. */
  syncInsertClaimsPerSec: number;
  /** Typed-array bytes the window holds per remembered nonce. */
  windowBytesPerNonce: number;
  /** Process arrayBuffers and heap growth per nonce over 1M claims through the SQLite guard. */
  arrayBufferBytesPerNonce: number;
  heapBytesPerNonce: number;
}

const WINDOW_MS = 30 * 60_000;
const AK = 'LTAI5tBenchKey00000000001';
const PG_URL = process.env.RAMSTACK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function perSec(count: number, startNs: bigint): number {
  return count / (Number(process.hrtime.bigint() - startNs) / 1e9);
}

// The memory figures need garbage gone (the flushed batch's buffer, the queue's old arrays): a full
// collection on demand, without asking whoever runs the bench for --expose-gc.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function memory(): Promise<{ arrayBuffers: number; heapUsed: number }> {
  // Typed-array backing stores are released after the collection, on a later turn.
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const { arrayBuffers, heapUsed } = process.memoryUsage();
  return { arrayBuffers, heapUsed };
}

function benchWindow(count: number): { claimsPerSec: number; bytesPerNonce: number } {
  const window = new NonceWindow(WINDOW_MS);
  const now = Date.now();
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const { hi, lo } = nonceKey(AK, `w-${i}`);
    window.claim(hi, lo, now + (i >> 10));
  }
  return { claimsPerSec: perSec(count, start), bytesPerNonce: window.allocatedBytes / window.size };
}

async function benchSqlite(count: number) {
  const dir = mkdtempSync(join(tmpdir(), 'ramstack-bench-'));
  const store = await openSqliteStore(dir);
  try {
    const guard = await createNonceGuard(store, { windowMs: WINDOW_MS });
    const before = await memory();
    const now = Date.now();
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) await guard.claim(AK, `s-${i}`, now + (i >> 10));
    const claimsPerSec = perSec(count, start);
    await guard.flush(); // the write queue drains; what stays is the window
    const after = await memory();
    await guard.close();
    return {
      claimsPerSec,
      arrayBufferBytesPerNonce: (after.arrayBuffers - before.arrayBuffers) / count,
      heapBytesPerNonce: (after.heapUsed - before.heapUsed) / count,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchSyncInserts(count: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'ramstack-bench-'));
  const store = await openSqliteStore(dir);
  try {
    const now = Date.now();
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) {
      await store.db.insertInto('used_nonces').values({ nonce_key: `k${i}`, expires_at: now + WINDOW_MS }).execute();
    }
    return perSec(count, start);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function openBenchPostgres(): Promise<{ store: Store; drop(): Promise<void> } | null> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  await admin.end();
  const store = await openPostgresStore({ url: PG_URL, schema });
  return {
    store,
    async drop() {
      await store.close();
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

async function benchPostgres(count: number, concurrency = 256): Promise<number | null> {
  const opened = await openBenchPostgres();
  if (!opened) return null;
  try {
    const guard = await createNonceGuard(opened.store, { windowMs: WINDOW_MS });
    const now = Date.now();
    let next = 0;
    const worker = async () => {
      while (next < count) await guard.claim(AK, `p-${next++}`, now);
    };
    const start = process.hrtime.bigint();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const claimsPerSec = perSec(count, start);
    await guard.close();
    return claimsPerSec;
  } finally {
    await opened.drop();
  }
}

export async function run(): Promise<ReplayBenchResult> {
  const sqlite = await benchSqlite(1_000_000);
  const window = benchWindow(1_000_000);
  return {
    windowClaimsPerSec: window.claimsPerSec,
    sqliteClaimsPerSec: sqlite.claimsPerSec,
    postgresClaimsPerSec: await benchPostgres(200_000),
    syncInsertClaimsPerSec: await benchSyncInserts(2000),
    windowBytesPerNonce: window.bytesPerNonce,
    arrayBufferBytesPerNonce: sqlite.arrayBufferBytesPerNonce,
    heapBytesPerNonce: sqlite.heapBytesPerNonce,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await run();
  const n = (x: number | null) => (x === null ? 'n/a (PostgreSQL unreachable)' : Math.round(x).toLocaleString('en-US'));
  console.log(`window alone (hash + buckets)     ${n(r.windowClaimsPerSec)} claims/s`);
  console.log(`SQLite guard (batched writes)     ${n(r.sqliteClaimsPerSec)} claims/s`);
  console.log(`PostgreSQL guard (256 in flight)  ${n(r.postgresClaimsPerSec)} claims/s`);
  console.log(`one synchronous=FULL insert each  ${n(r.syncInsertClaimsPerSec)} claims/s`);
  console.log(`window typed arrays               ${r.windowBytesPerNonce.toFixed(1)} bytes/nonce`);
  console.log(`process arrayBuffers growth       ${r.arrayBufferBytesPerNonce.toFixed(1)} bytes/nonce (1M claims)`);
  console.log(`process heap growth               ${r.heapBytesPerNonce.toFixed(1)} bytes/nonce (1M claims)`);
}
