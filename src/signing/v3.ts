/**
 * ACS3-HMAC-SHA256 ("V3") signature, api-facts §4.3.
 */
import * as crypto from 'node:crypto';
import { canonicalQuery } from './canonical-query.js';
import { percentEncode } from './encode.js';
import type { ParamList } from './params.js';

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface V3Input {
  method: string;
  /** Request path as received, without the query string. */
  path: string;
  /** Decoded query parameters (see parseFormOrQuery). */
  query: ParamList;
  /** Lower-case names as node gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** Lower-case names from the Authorization header. */
  signedHeaders: string[];
  /** Hex SHA-256 of the body (the verified x-acs-content-sha256). */
  payloadHash: string;
}

/**
 * Builds the canonical request over the headers the client says it signed; choosing which
 * headers must be signed is the caller's job (see unsignedRequiredHeaders). A listed header
 * that is absent contributes an empty value, so the signature still fails or binds it.
 */
export function canonicalRequestV3(input: V3Input): string {
  const names = sortedNames(input.signedHeaders);
  let headers = '';
  for (const name of names) headers += name + ':' + headerValue(input.headers[name]) + '\n';
  return (
    input.method + '\n' +
    canonicalUri(input.path) + '\n' +
    canonicalQuery(input.query) + '\n' +
    headers + '\n' +
    names.join(';') + '\n' +
    input.payloadHash
  );
}

export function stringToSignV3(canonicalRequest: string): string {
  return V3_ALGORITHM + '\n' + sha256Hex(canonicalRequest);
}

/** Hex HMAC-SHA256 keyed with the secret alone (no trailing `&`, unlike V1). */
export function signV3(secret: string, stringToSign: string): string {
  return crypto.createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex');
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

// crypto.hash (Node >= 20.12) is a one-shot digest about twice as fast as createHash;
// package.json allows any Node 20, so fall back when it is missing.
const oneShotHash: ((algorithm: string, data: Buffer | string, encoding: 'hex') => string) | undefined =
  typeof crypto.hash === 'function' ? crypto.hash : undefined;

/** Strings hash as UTF-8. Most RPC bodies are empty, hence the constant. */
export function sha256Hex(body: Buffer | string): string {
  if (body.length === 0) return EMPTY_SHA256;
  return oneShotHash !== undefined
    ? oneShotHash('sha256', body, 'hex')
    : crypto.createHash('sha256').update(body).digest('hex');
}

/**
 * Headers the SDKs always sign (host, content-type, every x-acs-*) that are present but
 * missing from SignedHeaders. Must be empty before the request is trusted: an unsigned
 * x-acs-action or x-acs-security-token could be swapped without breaking the signature.
 */
export function unsignedRequiredHeaders(
  headers: Record<string, string | string[] | undefined>,
  signedHeaders: readonly string[],
): string[] {
  const missing: string[] = [];
  for (const name of Object.keys(headers)) {
    if (headers[name] === undefined) continue;
    if (name !== 'host' && name !== 'content-type' && !name.startsWith('x-acs-')) continue;
    if (!signedHeaders.includes(name)) missing.push(name);
  }
  return missing;
}

function sortedNames(names: string[]): string[] {
  for (let i = 1; i < names.length; i++) {
    // SDKs send the list sorted already; copy and sort only when a client did not.
    if (names[i - 1]! > names[i]!) return names.slice().sort();
  }
  return names;
}

/** Trimmed with String#trim like the SDKs; repeated values sorted and joined with `,`. */
function headerValue(value: string | string[] | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  return value.map((v) => v.trim()).sort().join(',');
}

/**
 * RPC APIs always use `/`. Other paths get each segment decoded and re-encoded (the ROA
 * rule), so the canonical form does not depend on how the client escaped the path.
 */
function canonicalUri(path: string): string {
  if (path === '/') return path;
  return path
    .split('/')
    .map((segment) => {
      try {
        return percentEncode(decodeURIComponent(segment));
      } catch {
        return percentEncode(segment); // malformed escape: signed as literal text, never matches
      }
    })
    .join('/');
}
