import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServe, type ServeProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/stores.js';

function httpsJson(url: string, ca: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    httpsGet(url, { ca }, (res) => {
      let data = '';
      res.on('data', (d) => (data += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) }));
    }).on('error', reject);
  });
}

describe('ramstack serve (a real process on the embedded SQLite store)', () => {
  let dataDir: string;
  let serve: ServeProcess;

  beforeAll(async () => {
    dataDir = tempDir();
    serve = await spawnServe(['--port', '0', '--tls-port', '0', '--data', dataDir]);
  });
  afterAll(() => {
    serve.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /healthz with 200 JSON', async () => {
    const res = await fetch(`${serve.httpUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 once the store is migrated', async () => {
    const res = await fetch(`${serve.httpUrl}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', store: 'sqlite' });
  });

  it('serves HTTPS with a certificate that the local CA at <data>/tls/ca.pem verifies', async () => {
    const ca = readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8');
    const res = await httpsJson(`${serve.httpsUrl}/readyz`, ca);
    expect(res.status).toBe(200);
  });

  it('tells Node users which CA file to trust', () => {
    expect(serve.output().stderr).toContain(`NODE_EXTRA_CA_CERTS=${join(dataDir, 'tls', 'ca.pem')}`);
  });

  it('keeps private keys and the master key readable by the owner only (0600)', () => {
    for (const file of ['tls/ca-key.pem', 'tls/server-key.pem', 'master.key']) {
      expect(statSync(join(dataDir, file)).mode & 0o777, file).toBe(0o600);
    }
  });

  it('exposes Prometheus metrics with request counts by action and code', async () => {
    await fetch(`${serve.httpUrl}/?Action=GetCallerIdentity&Version=2015-04-01`);
    const text = await (await fetch(`${serve.httpUrl}/metrics`)).text();
    expect(text).toMatch(/ramstack_requests_total\{product="Sts",action="GetCallerIdentity",code="MissingParameter"\} 1/);
  });

  it('writes JSON log lines carrying the request ID', async () => {
    const res = await fetch(`${serve.httpUrl}/?Action=GetCallerIdentity&Version=2015-04-01`);
    const requestId = res.headers.get('x-acs-request-id');
    await new Promise((r) => setTimeout(r, 200));
    const line = serve.output().stdout.split('\n').find((l) => l.includes(requestId!));
    expect(JSON.parse(line!)).toMatchObject({ requestId, action: 'GetCallerIdentity', code: 'MissingParameter' });
  });
});

describe('ramstack serve restarts and stops', () => {
  it('reuses the CA and server certificate it created on first start', async () => {
    const dataDir = tempDir();
    try {
      const first = await spawnServe(['--port', '0', '--tls-port', '0', '--data', dataDir]);
      const ca = readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8');
      const cert = readFileSync(join(dataDir, 'tls', 'server.pem'), 'utf8');
      first.child.kill('SIGTERM');
      await first.exited;
      const second = await spawnServe(['--port', '0', '--tls-port', '0', '--data', dataDir]);
      second.child.kill('SIGTERM');
      await second.exited;
      expect(readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8')).toBe(ca);
      expect(readFileSync(join(dataDir, 'tls', 'server.pem'), 'utf8')).toBe(cert);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('exits 0 on SIGTERM after closing the store', async () => {
    const dataDir = tempDir();
    try {
      const serve = await spawnServe(['--port', '0', '--tls-port', '0', '--data', dataDir]);
      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
      // A cleanly closed SQLite database has checkpointed its WAL: nothing is left to replay.
      const wal = join(dataDir, 'ramstack.db-wal');
      expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('exits 0 on SIGINT', async () => {
    const dataDir = tempDir();
    try {
      const serve = await spawnServe(['--port', '0', '--tls-port', '0', '--data', dataDir]);
      serve.child.kill('SIGINT');
      expect(await serve.exited).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
