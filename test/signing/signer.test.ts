/** The test request signer (test/helpers/signer.ts) produces requests the signing core verifies. */
import { describe, expect, it } from 'vitest';
import {
  canonicalRequestV3,
  parseAuthorizationV3,
  parseFormOrQuery,
  parseTimestamp,
  sha256Hex,
  signV1,
  signV3,
  stringToSignV1,
  stringToSignV3,
  unsignedRequiredHeaders,
  type ParamList,
} from '../../src/signing/index.js';
import {
  V1_COMMON_PARAMS,
  signedV1Get,
  signedV1PostForm,
  signedV1PostQuery,
  signedV3Request,
  type SignedRequest,
} from '../helpers/signer.js';

const creds = { accessKeyId: 'LTAI5tTestKeyA', accessKeySecret: 'TestSecretA0000000000000000000' };
const sts = { accessKeyId: 'STS.NTestKey', accessKeySecret: 'stsSecret', securityToken: 'CAIS token/+=' };
const params = { Action: 'CreateRole', Version: '2015-05-01', Description: "ops * ~ !'() 中文 a+b=c&d" };

function split(req: SignedRequest): { query: ParamList; form: ParamList } {
  const q = req.path.indexOf('?');
  const query = parseFormOrQuery(q === -1 ? '' : req.path.slice(q + 1));
  const form = req.headers['content-type'] === 'application/x-www-form-urlencoded' ? parseFormOrQuery(req.body) : [];
  if (query === null || form === null) throw new Error('undecodable request');
  return { query, form };
}

function verifiesV1(req: SignedRequest, secret: string): boolean {
  const { query, form } = split(req);
  const all = [...query, ...form];
  const sent = all.find(([name]) => name === 'Signature')?.[1];
  return sent === signV1(secret, stringToSignV1(req.method, all));
}

function get(list: ParamList, name: string): string | undefined {
  return list.find(([n]) => n === name)?.[1];
}

describe('test signer, V1', () => {
  it('builds a GET that verifies', () => {
    const req = signedV1Get({ ...creds, params });
    expect(req.method).toBe('GET');
    expect(verifiesV1(req, creds.accessKeySecret)).toBe(true);
  });
  it('builds a POST with everything in the query and an empty body that verifies', () => {
    const req = signedV1PostQuery({ ...creds, params });
    expect(req.body).toBe('');
    expect(verifiesV1(req, creds.accessKeySecret)).toBe(true);
  });
  it('builds a POST with everything in the form body that verifies', () => {
    const req = signedV1PostForm({ ...creds, params });
    expect(req.path).toBe('/');
    expect(verifiesV1(req, creds.accessKeySecret)).toBe(true);
  });
  it('builds a POST with common params in the query and the rest in the body that verifies', () => {
    const req = signedV1PostForm({ ...creds, params, queryParams: V1_COMMON_PARAMS });
    const { query, form } = split(req);
    expect(get(query, 'Signature')).toBeDefined();
    expect(form.map(([name]) => name)).toEqual(['Description']);
    expect(verifiesV1(req, creds.accessKeySecret)).toBe(true);
  });
  it('signs the SecurityToken, given nonce and timestamp', () => {
    const req = signedV1PostQuery({ ...sts, params, nonce: 'n-1', timestamp: '2025-01-01T00:00:00Z' });
    const { query } = split(req);
    expect([get(query, 'SecurityToken'), get(query, 'SignatureNonce'), get(query, 'Timestamp')]).toEqual([
      sts.securityToken, 'n-1', '2025-01-01T00:00:00Z',
    ]);
    expect(verifiesV1(req, sts.accessKeySecret)).toBe(true);
  });
  it('defaults to a fresh nonce and a current timestamp in the SDK format', () => {
    const a = split(signedV1Get({ ...creds, params })).query;
    const b = split(signedV1Get({ ...creds, params })).query;
    expect(get(a, 'SignatureNonce')).not.toBe(get(b, 'SignatureNonce'));
    const ts = get(a, 'Timestamp') ?? '';
    expect(ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Math.abs((parseTimestamp(ts) ?? 0) - Date.now())).toBeLessThan(5000);
  });
  it('lets params override the common parameters', () => {
    const { query } = split(signedV1Get({ ...creds, params: { ...params, SignatureMethod: 'HMAC-SHA256' } }));
    expect(get(query, 'SignatureMethod')).toBe('HMAC-SHA256');
  });
});

describe('test signer, V3', () => {
  function verifiesV3(req: SignedRequest, secret: string): boolean {
    const auth = parseAuthorizationV3(req.headers.authorization ?? '');
    if (auth === null) return false;
    const { query } = split(req);
    if (unsignedRequiredHeaders(req.headers, auth.signedHeaders).length > 0) return false;
    if (req.headers['x-acs-content-sha256'] !== sha256Hex(req.body)) return false;
    const canonical = canonicalRequestV3({
      method: req.method,
      path: '/',
      query,
      headers: req.headers,
      signedHeaders: auth.signedHeaders,
      payloadHash: sha256Hex(req.body),
    });
    return auth.signature === signV3(secret, stringToSignV3(canonical));
  }
  const base = { host: '127.0.0.1:8080', action: 'GetCallerIdentity', version: '2015-04-01' };

  it('builds a request with an empty body that verifies', () => {
    const req = signedV3Request({ ...creds, ...base });
    expect([req.method, req.path, req.body]).toEqual(['POST', '/', '']);
    expect(verifiesV3(req, creds.accessKeySecret)).toBe(true);
  });
  it('builds a request with query and form parameters that verifies', () => {
    const req = signedV3Request({ ...creds, ...base, query: { RoleArn: 'acs:ram::1:role/x' }, form: { Policy: '{"a":"*"}' } });
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(verifiesV3(req, creds.accessKeySecret)).toBe(true);
  });
  it('signs the security token and accesskey-id headers for STS credentials', () => {
    const req = signedV3Request({ ...sts, ...base, nonce: 'n-2', date: '2025-01-01T00:00:00Z' });
    const auth = parseAuthorizationV3(req.headers.authorization ?? '');
    expect(auth?.credential).toBe(sts.accessKeyId);
    expect(auth?.signedHeaders).toEqual([
      'host', 'x-acs-accesskey-id', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date',
      'x-acs-security-token', 'x-acs-signature-nonce', 'x-acs-version',
    ]);
    expect(verifiesV3(req, sts.accessKeySecret)).toBe(true);
  });
  it('fails verification once a signed header is tampered with', () => {
    const req = signedV3Request({ ...creds, ...base });
    req.headers['x-acs-action'] = 'AssumeRole';
    expect(verifiesV3(req, creds.accessKeySecret)).toBe(false);
  });
});
