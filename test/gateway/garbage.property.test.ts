import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, uniqueAlias, type TestServer } from '../helpers/server.js';
import { signedV1Get, signedV3Request } from '../helpers/signer.js';
import type { NewAccount } from '../../src/services/accounts/accounts.js';

/**
 * Whatever arrives — garbage query strings, headers, bodies, or a genuine signed request with one part
 * mangled — the gateway answers with an Alibaba error (4xx with Code and Message), never a 5xx.
 */
let t: TestServer;
let account: NewAccount;

beforeAll(async () => {
  t = await startTestServer();
  account = await t.createAccount(uniqueAlias('fuzz'));
});
afterAll(() => t.stop());

interface Probe {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

async function answer(probe: Probe): Promise<{ status: number; body: string }> {
  const res = await fetch(t.httpUrl + probe.path, {
    method: probe.method,
    headers: probe.headers,
    ...(probe.method !== 'GET' && probe.body !== '' ? { body: probe.body } : {}),
  });
  return { status: res.status, body: await res.text() };
}

function assertAnswered(res: { status: number; body: string }): void {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) {
    const json = JSON.parse(res.body);
    expect(typeof json.Code).toBe('string');
    expect(typeof json.Message).toBe('string');
  }
}

/** Header values a client could send (no control characters, which fetch itself refuses). */
const headerValue = fc.string({ unit: fc.constantFrom(...'abcXYZ019 -_=;,:/+%*.~!()ACS3-HMAC-SHA256Credential'.split('')), maxLength: 60 });
const headerName = fc.constantFrom('authorization', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256', 'x-acs-security-token', 'content-type', 'x-acs-accesskey-id', 'host-x');
const queryText = fc.string({ unit: fc.constantFrom(...'abAZ09=&%+*._-~/?#:é中 '.split('')), maxLength: 120 });

describe('garbage never yields a 5xx', () => {
  it('random query strings, headers and bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        queryText,
        fc.dictionary(headerName, headerValue, { maxKeys: 5 }),
        fc.string({ maxLength: 200 }),
        async (method, query, headers, body) => {
          assertAnswered(await answer({ method, path: `/?${query}`, headers, body }));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('genuine V1 requests with one parameter replaced by garbage', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('Action', 'Version', 'Format', 'Timestamp', 'SignatureNonce', 'SignatureMethod', 'SignatureVersion', 'AccessKeyId', 'Signature', 'SecurityToken'), fc.string({ maxLength: 80 }), async (name, value) => {
        const req = signedV1Get({ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, params: { Action: 'GetCallerIdentity', Version: '2015-04-01', Format: 'JSON' } });
        const url = new URL(t.httpUrl + req.path);
        url.searchParams.set(name, value);
        assertAnswered(await answer({ method: 'GET', path: url.pathname + url.search, headers: {}, body: '' }));
      }),
      { numRuns: 150 },
    );
  });

  it('genuine V3 requests with one header replaced by garbage', async () => {
    await fc.assert(
      fc.asyncProperty(headerName, headerValue, async (name, value) => {
        const req = signedV3Request({ accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, host: t.endpoint, action: 'GetCallerIdentity', version: '2015-04-01' });
        assertAnswered(await answer({ ...req, headers: { ...req.headers, [name]: value } }));
      }),
      { numRuns: 150 },
    );
  });
});
