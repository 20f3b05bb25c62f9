/**
 * Client-side signer for tests: builds complete signed requests the way the official SDKs do,
 * for tests that talk raw HTTP to a running server (fetch, fuzzing, replay). The signatures are
 * computed by the SDKs' own signing code, not by src/signing, so a bug there cannot hide itself.
 *
 *   const req = signedV1Get({ accessKeyId, accessKeySecret, params: { Action: 'GetCallerIdentity', Version: '2015-04-01' } });
 *   await fetch(base + req.path, { method: req.method, headers: req.headers, body: req.body || undefined });
 *
 * Every field of the result may be tampered with afterwards; defaults (nonce, timestamp, common
 * parameters) can all be overridden, e.g. `params: { SignatureMethod: 'HMAC-SHA256' }`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { openapiCore } from '../signing/sdk-reference.js';

export interface SignedRequest {
  method: string;
  /** Path with the query string, e.g. `/?Action=…`. */
  path: string;
  headers: Record<string, string>;
  /** Empty string when there is no body. */
  body: string;
}

export interface SigningCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS credentials: sent as `SecurityToken` (V1) or `x-acs-security-token` (V3). */
  securityToken?: string;
}

export interface V1RequestOptions extends SigningCredentials {
  /** API parameters (`Action`, `Version`, …); they override the common ones of the same name. */
  params: Record<string, string>;
  nonce?: string;
  /** Defaults to now, `YYYY-MM-DDThh:mm:ssZ`. */
  timestamp?: string;
}

export interface V1FormOptions extends V1RequestOptions {
  /**
   * Names kept in the query string; all the others, and `Signature`, go in the form body.
   * Default: none, everything in the body (pop-core). @alicloud/credentials keeps the common
   * parameters in the query: pass V1_COMMON_PARAMS.
   */
  queryParams?: readonly string[];
}

export interface V3RequestOptions extends SigningCredentials {
  /** Signed; must equal the Host header the client will send (fetch: `127.0.0.1:<port>`). */
  host: string;
  action: string;
  version: string;
  method?: string;
  query?: Record<string, string>;
  /** Sent as an application/x-www-form-urlencoded body. */
  form?: Record<string, string>;
  /** Extra headers; host, content-type and x-acs-* ones are signed, like the SDK does. */
  headers?: Record<string, string>;
  nonce?: string;
  /** `x-acs-date`, defaults to now. */
  date?: string;
}

export const V1_COMMON_PARAMS: readonly string[] = [
  'Action', 'Version', 'Format', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion',
  'SignatureNonce', 'Timestamp', 'SecurityToken', 'Signature',
];

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** `YYYY-MM-DDThh:mm:ssZ`, the SDKs' timestamp format. */
export function formatTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** V1, GET with everything in the query (pop-core's default). */
export function signedV1Get(opts: V1RequestOptions): SignedRequest {
  const params = signV1Params('GET', opts);
  return { method: 'GET', path: '/?' + formEncode(params), headers: {}, body: '' };
}

/** V1, POST with everything in the query and an empty body (Tea clients with signatureAlgorithm 'v2'). */
export function signedV1PostQuery(opts: V1RequestOptions): SignedRequest {
  const params = signV1Params('POST', opts);
  return { method: 'POST', path: '/?' + formEncode(params), headers: {}, body: '' };
}

/** V1, POST with a form body (pop-core POST; @alicloud/credentials with queryParams). */
export function signedV1PostForm(opts: V1FormOptions): SignedRequest {
  const params = signV1Params('POST', opts);
  const keep = new Set(opts.queryParams ?? []);
  const query: Record<string, string> = {};
  const form: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) (keep.has(name) ? query : form)[name] = value;
  const queryString = formEncode(query);
  return {
    method: 'POST',
    path: queryString === '' ? '/' : '/?' + queryString,
    headers: { 'content-type': FORM_CONTENT_TYPE },
    body: formEncode(form),
  };
}

/** V3 (ACS3-HMAC-SHA256), as the Tea clients send it. */
export function signedV3Request(opts: V3RequestOptions): SignedRequest {
  const method = opts.method ?? 'POST';
  const query = opts.query ?? {};
  const body = opts.form === undefined ? '' : formEncode(opts.form);
  const headers: Record<string, string> = {
    host: opts.host,
    'x-acs-action': opts.action,
    'x-acs-version': opts.version,
    'x-acs-date': opts.date ?? formatTimestamp(),
    'x-acs-signature-nonce': opts.nonce ?? randomUUID(),
    'x-acs-content-sha256': createHash('sha256').update(body).digest('hex'),
  };
  if (opts.securityToken !== undefined) {
    headers['x-acs-security-token'] = opts.securityToken;
    headers['x-acs-accesskey-id'] = opts.accessKeyId;
  }
  if (opts.form !== undefined) headers['content-type'] = FORM_CONTENT_TYPE;
  Object.assign(headers, opts.headers);
  headers.authorization = openapiCore.getAuthorization(
    { method, pathname: '/', query, headers },
    'ACS3-HMAC-SHA256',
    headers['x-acs-content-sha256']!,
    opts.accessKeyId,
    opts.accessKeySecret,
  );
  const queryString = formEncode(query);
  return { method, path: queryString === '' ? '/' : '/?' + queryString, headers, body };
}

function signV1Params(method: string, opts: V1RequestOptions): Record<string, string> {
  const params: Record<string, string> = {
    Format: 'JSON',
    AccessKeyId: opts.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: opts.nonce ?? randomUUID(),
    Timestamp: opts.timestamp ?? formatTimestamp(),
  };
  if (opts.securityToken !== undefined) params.SecurityToken = opts.securityToken;
  Object.assign(params, opts.params);
  params.Signature = openapiCore.getRPCSignature(params, method, opts.accessKeySecret);
  return params;
}

/** What Tea and credentials put on the wire: encodeURIComponent, so `!'()*` stay raw. */
function formEncode(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([name, value]) => encodeURIComponent(name) + '=' + encodeURIComponent(value))
    .join('&');
}
