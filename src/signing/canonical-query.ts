import { percentEncode } from './encode.js';
import type { ParamList } from './params.js';

/**
 * `pe(name)=pe(value)` pairs joined by `&`, sorted by the raw (decoded) name as the SDKs
 * sort it. Both V1's canonicalized query string and V3's CanonicalQueryString are this.
 *
 * Names compare by UTF-16 code unit (JavaScript's `<`), which is what the Node and Java SDKs
 * do; it equals byte-wise UTF-8 order for every name below U+D800, i.e. every real parameter
 * name. Repeated names (which no SDK sends) are ordered by value, so the result does not
 * depend on how the client split them between query and body.
 *
 * `exclude` drops every pair with that name (V1 does not sign `Signature`).
 */
export function canonicalQuery(params: ParamList, exclude?: string): string {
  const pairs = exclude === undefined ? params.slice() : params.filter((p) => p[0] !== exclude);
  pairs.sort(comparePairs);
  let out = '';
  for (let i = 0; i < pairs.length; i++) {
    const [name, value] = pairs[i]!;
    if (i > 0) out += '&';
    out += percentEncode(name) + '=' + percentEncode(value);
  }
  return out;
}

function comparePairs(a: [string, string], b: [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}
