import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { signedV1Get, signedV3Request, type SignedRequest } from '../helpers/signer.js';
import { dropSchema, storeKinds } from '../helpers/stores.js';
import { rmSync } from 'node:fs';
import type { NewAccount } from '../../src/services/accounts/accounts.js';

async function send(t: TestServer, req: SignedRequest): Promise<{ status: number; json: any }> {
  const res = await fetch(t.httpUrl + req.path, { method: req.method, headers: req.headers, ...(req.body ? { body: req.body } : {}) });
  return { status: res.status, json: await res.json() };
}

/** Servers started with keepData leave their data for a restart or a second node; the test removes it at the end. */
async function removeData(t: TestServer): Promise<void> {
  rmSync(t.dataDir, { recursive: true, force: true });
  if (t.schema && t.databaseUrl) await dropSchema(t.databaseUrl, t.schema);
}

const gci = { Action: 'GetCallerIdentity', Version: '2015-04-01', Format: 'JSON' };

describe('a captured signed request replayed', () => {
  let t: TestServer;
  let account: NewAccount;
  beforeAll(async () => {
    t = await startTestServer();
    account = await t.createAccount(uniqueAlias('replay'));
  });
  afterAll(() => t.stop());

  it('is refused with SignatureNonceUsed the second time (V1)', async () => {
    const req = signedV1Get({ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, params: gci });
    expect((await send(t, req)).status).toBe(200);
    const replay = await send(t, req);
    expect(replay.status).toBe(400);
    expect(replay.json.Code).toBe('SignatureNonceUsed');
  });

  it('is refused with SignatureNonceUsed the second time (V3)', async () => {
    const req = signedV3Request({ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, host: t.endpoint, action: 'GetCallerIdentity', version: '2015-04-01' });
    expect((await send(t, req)).status).toBe(200);
    expect((await send(t, req)).json.Code).toBe('SignatureNonceUsed');
  });

  it('with a forged signature does not burn the nonce of the genuine request', async () => {
    const genuine = signedV1Get({ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, params: gci, nonce: 'shared-nonce-1' });
    const forged = signedV1Get({ accessKeyId: account.accessKeyId, accessKeySecret: 'guessed', params: gci, nonce: 'shared-nonce-1' });
    expect((await send(t, forged)).json.Code).toBe('SignatureDoesNotMatch');
    expect((await send(t, genuine)).status).toBe(200);
  });
});

for (const kind of storeKinds) {
  describe.skipIf(!kind.available)(`replay across a restart on ${kind.name}`, () => {
    it('refuses a request accepted before the server restarted', async () => {
      const first = await startTestServer({ store: kind.name, keepData: true });
      const account = await first.createAccount(uniqueAlias('restart'));
      const req = signedV1Get({ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, params: gci });
      expect((await send(first, req)).status).toBe(200);
      await first.stop();
      const second = await startTestServer({ store: kind.name, dataDir: first.dataDir, ...(first.schema ? { schema: first.schema } : {}) });
      try {
        expect((await send(second, req)).json.Code).toBe('SignatureNonceUsed');
      } finally {
        await second.stop();
        await removeData(first);
      }
    });
  });
}

describe.skipIf(!storeKinds[1]!.available)('replay across two nodes sharing one PostgreSQL', () => {
  it('refuses on node B a request node A accepted', async () => {
    const a = await startTestServer({ store: 'postgres', keepData: true });
    // Nodes of one deployment share the master key (here: the same data directory).
    const b = await startTestServer({ store: 'postgres', schema: a.schema!, dataDir: a.dataDir, keepData: true });
    try {
      const account = await a.createAccount(uniqueAlias('twonode'));
      const req = signedV1Get({ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, params: gci });
      expect((await send(a, req)).status).toBe(200);
      expect((await send(b, req)).json.Code).toBe('SignatureNonceUsed');
    } finally {
      await b.stop();
      await a.stop();
      await removeData(a);
    }
  });
});
