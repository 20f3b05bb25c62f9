import type { IncomingHttpHeaders } from 'node:http';
import { apiError } from '../errors/catalogue.js';
import { parseAuthorizationV3, parseFormOrQuery, type ParamList, type V3Authorization } from '../signing/index.js';
import type { Format } from './respond.js';

/** The raw HTTP request as the listener received it. */
export interface HttpRequestParts {
  method: string;
  /** Path and query string as on the wire. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  secure: boolean;
  sourceIp: string;
}

/** A decoded Alibaba RPC call: which action, how it is signed, and its parameters. */
export interface RpcRequest {
  method: string;
  path: string;
  style: 'v1' | 'v3';
  action: string;
  version: string;
  format: Format;
  /** Query parameters (V3 signs these). */
  query: ParamList;
  /** Query and form-body parameters together (V1 signs these). */
  all: ParamList;
  /** The action's own parameters, common protocol parameters removed. */
  params: Record<string, string>;
  accessKeyId: string | undefined;
  securityToken: string | undefined;
  nonce: string | undefined;
  timestamp: string | undefined;
  v3: V3Authorization | undefined;
}

/** Protocol parameters that are not the action's own. RegionId stays: ARMS actions take it. */
const COMMON_PARAMS = new Set([
  'Action', 'Version', 'Format', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce',
  'Signature', 'Timestamp', 'SecurityToken', 'SignatureType',
]);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function mediaType(headers: IncomingHttpHeaders): string {
  return (header(headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

function bodyParams(parts: HttpRequestParts): ParamList {
  if (parts.body.length === 0) return [];
  const type = mediaType(parts.headers);
  if (type === 'application/x-www-form-urlencoded') {
    const decoded = parseFormOrQuery(parts.body.toString('utf8'));
    if (!decoded) throw apiError('InvalidParameter', 'body');
    return decoded;
  }
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(parts.body.toString('utf8'));
    } catch {
      throw apiError('InvalidParameter', 'body');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw apiError('InvalidParameter', 'body');
    return Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
  }
  throw apiError('InvalidParameter.ContentType');
}

function first(list: ParamList, name: string): string | undefined {
  for (const [k, v] of list) if (k === name) return v;
  return undefined;
}

export function parseRpcRequest(parts: HttpRequestParts): RpcRequest {
  const q = parts.url.indexOf('?');
  const path = q === -1 ? parts.url : parts.url.slice(0, q);
  const query = parseFormOrQuery(q === -1 ? '' : parts.url.slice(q + 1));
  if (!query) throw apiError('InvalidParameter', 'QueryString');
  const all = [...query, ...bodyParams(parts)];

  const authorization = header(parts.headers, 'authorization');
  const style = authorization !== undefined && authorization.startsWith('ACS3-') ? 'v3' : 'v1';
  const v3 = style === 'v3' ? (parseAuthorizationV3(authorization!) ?? undefined) : undefined;
  if (style === 'v3' && !v3) throw apiError('IncompleteSignature', '');

  const action = (style === 'v3' ? header(parts.headers, 'x-acs-action') : undefined) ?? first(all, 'Action') ?? header(parts.headers, 'x-acs-action');
  const version = (style === 'v3' ? header(parts.headers, 'x-acs-version') : undefined) ?? first(all, 'Version') ?? header(parts.headers, 'x-acs-version');
  if (!action) throw apiError('MissingParameter', 'Action');
  if (!version) throw apiError('MissingParameter', 'Version');

  const formatParam = first(all, 'Format');
  let format: Format = 'JSON';
  if (formatParam !== undefined) {
    const upper = formatParam.toUpperCase();
    if (upper !== 'JSON' && upper !== 'XML') throw apiError('InvalidParameter.Format');
    format = upper;
  }

  const params: Record<string, string> = {};
  for (const [name, value] of all) {
    if (COMMON_PARAMS.has(name)) continue;
    if (name in params && params[name] !== value) throw apiError('InvalidParameter', name);
    params[name] = value;
  }

  return {
    method: parts.method,
    path,
    style,
    action,
    version,
    format,
    query,
    all,
    params,
    accessKeyId: style === 'v3' ? v3!.credential : first(all, 'AccessKeyId'),
    securityToken: style === 'v3' ? header(parts.headers, 'x-acs-security-token') : first(all, 'SecurityToken'),
    nonce: style === 'v3' ? header(parts.headers, 'x-acs-signature-nonce') : first(all, 'SignatureNonce'),
    timestamp: style === 'v3' ? header(parts.headers, 'x-acs-date') : first(all, 'Timestamp'),
    v3,
  };
}
