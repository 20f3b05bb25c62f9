/**
 * RPC signature V1 (`SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`), api-facts §4.2.
 */
import { createHmac } from 'node:crypto';
import { canonicalQuery } from './canonical-query.js';
import { percentEncode } from './encode.js';
import type { ParamList } from './params.js';

/**
 * All parameters except `Signature`, query and form body merged by the caller: the SDKs
 * that POST a form (pop-core, @alicloud/credentials) sign over both.
 */
export function canonicalizeV1(params: ParamList): string {
  return canonicalQuery(params, 'Signature');
}

/** `METHOD&%2F&pe(canonicalized)`: the path is always `/` for RPC, hence the constant. */
export function stringToSignV1(method: string, params: ParamList): string {
  return method + '&%2F&' + percentEncode(canonicalizeV1(params));
}

/** base64 HMAC-SHA1 keyed with `secret + "&"` (the `&` is where a token secret once went). */
export function signV1(secret: string, stringToSign: string): string {
  return createHmac('sha1', secret + '&').update(stringToSign, 'utf8').digest('base64');
}
