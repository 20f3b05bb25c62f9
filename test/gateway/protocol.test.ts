import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { formatTimestamp, signedV1Get, signedV1PostForm, signedV3Request, type SignedRequest } from '../helpers/signer.js';
import type { NewAccount } from '../../src/services/accounts/accounts.js';

let t: TestServer;
let account: NewAccount;

beforeAll(async () => {
  t = await startTestServer();
  account = await t.createAccount(uniqueAlias('proto'));
});
afterAll(() => t.stop());

async function send(req: SignedRequest): Promise<{ status: number; type: string | null; text: string; json: any }> {
  const res = await fetch(t.httpUrl + req.path, { method: req.method, headers: req.headers, ...(req.body ? { body: req.body } : {}) });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, type: res.headers.get('content-type'), text, json };
}

const keys = () => ({ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret });
const gci = { Action: 'GetCallerIdentity', Version: '2015-04-01', Format: 'JSON' };

describe('routing and answers', () => {
  it('answers an unknown Version with InvalidVersion (400)', async () => {
    const res = await send(signedV1Get({ ...keys(), params: { ...gci, Version: '2099-01-01' } }));
    expect(res.status).toBe(400);
    expect(res.json.Code).toBe('InvalidVersion');
  });

  it('answers an unknown Action with InvalidAction.NotFound (404)', async () => {
    const res = await send(signedV1Get({ ...keys(), params: { ...gci, Action: 'NoSuchThing' } }));
    expect(res.status).toBe(404);
    expect(res.json.Code).toBe('InvalidAction.NotFound');
  });

  it('gives every error the envelope RequestId, HostId, Code, Message, Recommend', async () => {
    const res = await send(signedV1Get({ ...keys(), params: { ...gci, Action: 'NoSuchThing' } }));
    expect(Object.keys(res.json).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
    expect(res.json.HostId).toBe('sts.aliyuncs.com');
    expect(res.json.Recommend).toContain(`requestId=${res.json.RequestId}`);
  });

  it('answers JSON with the charset Alibaba sends by default', async () => {
    const res = await send(signedV1Get({ ...keys(), params: { ...gci, Format: 'json' } }));
    expect(res.type).toBe('application/json;charset=utf-8');
    expect(res.json.AccountId).toBe(account.accountId);
  });

  it('answers XML with the <ActionResponse> root when Format=XML', async () => {
    const res = await send(signedV1Get({ ...keys(), params: { ...gci, Format: 'XML' } }));
    expect(res.type).toBe('text/xml;charset=utf-8');
    expect(res.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><GetCallerIdentityResponse><RequestId>[0-9A-F-]{36}<\/RequestId>.*<AccountId>\d{16}<\/AccountId>/);
  });

  it('answers XML errors with an <Error> root', async () => {
    const res = await send(signedV1Get({ ...keys(), params: { ...gci, Format: 'XML', Version: '2099-01-01' } }));
    expect(res.text).toMatch(/<Error><RequestId>.*<Code>InvalidVersion<\/Code>/);
  });

  it('rejects a Format other than JSON or XML with InvalidParameter.Format', async () => {
    const res = await send(signedV1Get({ ...keys(), params: { ...gci, Format: 'YAML' } }));
    expect(res.json.Code).toBe('InvalidParameter.Format');
  });

  it('accepts POST with the signed parameters in a form body', async () => {
    const res = await send(signedV1PostForm({ ...keys(), params: gci }));
    expect(res.status).toBe(200);
    expect(res.json.Arn).toBe(`acs:ram::${account.accountId}:root`);
  });
});

describe('signature rules', () => {
  it('rejects a SignatureMethod other than HMAC-SHA1 with InvalidSignatureMethod', async () => {
    const res = await send(signedV1Get({ ...keys(), params: { ...gci, SignatureMethod: 'HMAC-SHA256' } }));
    expect(res.json.Code).toBe('InvalidSignatureMethod');
  });

  it('rejects a SignatureVersion other than 1.0', async () => {
    const res = await send(signedV1Get({ ...keys(), params: { ...gci, SignatureVersion: '2.0' } }));
    expect(res.json.Code).toBe('InvalidSignatureVersion');
  });

  it('rejects a request that names no AccessKeyId with MissingParameter', async () => {
    const res = await send({ method: 'GET', path: '/?Action=GetCallerIdentity&Version=2015-04-01', headers: {}, body: '' });
    expect(res.status).toBe(400);
    expect(res.json.Code).toBe('MissingParameter');
  });

  it('rejects a V3 request whose body differs from the signed one with SignatureDoesNotMatch', async () => {
    const host = t.endpoint;
    const req = signedV3Request({ ...keys(), host, action: 'GetCallerIdentity', version: '2015-04-01', form: { Foo: 'signed' } });
    const res = await send({ ...req, body: 'Foo=tampered' });
    expect(res.json.Code).toBe('SignatureDoesNotMatch');
  });

  it('rejects a V3 request that leaves an x-acs- header unsigned with IncompleteSignature', async () => {
    const req = signedV3Request({ ...keys(), host: t.endpoint, action: 'GetCallerIdentity', version: '2015-04-01' });
    const res = await send({ ...req, headers: { ...req.headers, 'x-acs-extra': 'smuggled' } });
    expect(res.json.Code).toBe('IncompleteSignature');
  });
});

describe('freshness', () => {
  it('accepts a timestamp with milliseconds (as sts-sdk sends)', async () => {
    const res = await send(signedV1Get({ ...keys(), params: gci, timestamp: new Date().toISOString() }));
    expect(res.status).toBe(200);
  });

  it('rejects a timestamp 16 minutes old with InvalidTimeStamp.Expired', async () => {
    const res = await send(signedV1Get({ ...keys(), params: gci, timestamp: formatTimestamp(new Date(Date.now() - 16 * 60_000)) }));
    expect(res.status).toBe(400);
    expect(res.json.Code).toBe('InvalidTimeStamp.Expired');
  });

  it('rejects a timestamp 16 minutes in the future with InvalidTimeStamp.Expired', async () => {
    const res = await send(signedV3Request({ ...keys(), host: t.endpoint, action: 'GetCallerIdentity', version: '2015-04-01', date: formatTimestamp(new Date(Date.now() + 16 * 60_000)) }));
    expect(res.json.Code).toBe('InvalidTimeStamp.Expired');
  });

  it('rejects a malformed timestamp with InvalidTimeStamp.Format', async () => {
    const res = await send(signedV1Get({ ...keys(), params: gci, timestamp: '2026-13-01T00:00:00Z' }));
    expect(res.json.Code).toBe('InvalidTimeStamp.Format');
  });
});

describe('requests the HTTP layer refuses still get the Alibaba envelope', () => {
  it('answers a path other than / with InvalidApi.NotFound (404)', async () => {
    const res = await send({ method: 'GET', path: '/no/such/path', headers: {}, body: '' });
    expect(res.status).toBe(404);
    expect(res.json.Code).toBe('InvalidApi.NotFound');
    expect(res.json.RequestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  it('threat: a chunked body that never ends is cut off at 1 MiB with RequestEntityTooLarge (413), without reading the rest', async () => {
    let sent = 0;
    const { status, body, sentWhenAnswered } = await new Promise<{ status: number; body: string; sentWhenAnswered: number }>((resolve, reject) => {
      const req = request(t.httpUrl + '/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' } }, (res) => {
        const sentWhenAnswered = sent;
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: text, sentWhenAnswered }));
      });
      req.on('error', (err) => (err.message.includes('EPIPE') || err.message.includes('ECONNRESET') ? undefined : reject(err)));
      const chunk = Buffer.alloc(64 * 1024, 'a');
      // 64 MiB offered; the server must answer long before the client could send it all.
      const pump = () => {
        while (sent < 1024 && req.write(chunk)) sent++;
        if (sent < 1024) req.once('drain', pump);
        else req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).Code).toBe('RequestEntityTooLarge');
    expect(sentWhenAnswered).toBeLessThan(1024);
  });

  it('answers a body over 1 MiB with RequestEntityTooLarge (413)', async () => {
    const res = await send({ method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a='.padEnd(1024 * 1024 + 10, 'x') });
    expect(res.status).toBe(413);
    expect(res.json.Code).toBe('RequestEntityTooLarge');
  });
});
