import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { popClient, stsClient } from '../helpers/sdk.js';
import type { NewAccount } from '../../src/services/accounts/accounts.js';

describe('server logs never carry a secret', () => {
  const lines: string[] = [];
  let t: TestServer;
  let account: NewAccount;

  beforeAll(async () => {
    t = await startTestServer({ logDestination: { write: (line) => void lines.push(line) } });
    account = await t.createAccount(uniqueAlias('logs'));
    const keys = { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret };
    await stsClient(keys, { endpoint: t.endpoint }).getCallerIdentity();
    await stsClient(keys, { endpoint: t.endpoint, signatureAlgorithm: 'v2' }).getCallerIdentity();
    await popClient(keys, t.httpUrl, '2015-04-01').request('GetCallerIdentity', { Password: 'hunter2-Secret!' }, { method: 'POST' });
    await stsClient({ ...keys, accessKeySecret: 'wrong-secret-value' }, { endpoint: t.endpoint }).getCallerIdentity().catch(() => undefined);
  });
  afterAll(() => t.stop());

  it('logs every API call as a JSON line with its request ID', () => {
    const calls = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'api call');
    expect(calls.length).toBeGreaterThanOrEqual(4);
    for (const call of calls) expect(call.requestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  it('contains neither the AccessKey secret, nor the signature, nor request parameters such as passwords', () => {
    const all = lines.join('\n');
    expect(all).not.toContain(account.accessKeySecret);
    expect(all).not.toContain(account.rootPassword);
    expect(all).not.toContain('hunter2-Secret!');
    expect(all).not.toContain('wrong-secret-value');
    expect(all).not.toMatch(/Signature=/);
  });
});
