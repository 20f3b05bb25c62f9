/**
 * Parsing of the V3 `Authorization` header:
 * `ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<h1;h2;…>,Signature=<hex>`.
 * Hand-written scanning: it runs on every V3 request.
 */

export interface V3Authorization {
  /** As sent; the gateway rejects anything but ACS3-HMAC-SHA256 with its own error. */
  algorithm: string;
  credential: string;
  signedHeaders: string[];
  signature: string;
}

// Lower-case HTTP token characters (RFC 9110 tchar without A-Z): the SDKs lower-case the
// names they sign, and a name in any other case could never match node's lower-cased headers.
const HEADER_NAME_CHAR = new Uint8Array(128);
for (const c of "abcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+.^_`|~-") HEADER_NAME_CHAR[c.charCodeAt(0)] = 1;

const ALGORITHM = /^[A-Za-z0-9-]+$/;
const FIELD_VALUE_FORBIDDEN = /[\s,]/;

/**
 * Returns null for anything malformed: a missing, empty or repeated field, an unknown field,
 * a header name that is not a lower-case token or is listed twice. Fields may come in any
 * order, with spaces after the commas.
 */
export function parseAuthorizationV3(header: string): V3Authorization | null {
  const space = header.indexOf(' ');
  if (space <= 0) return null;
  const algorithm = header.slice(0, space);
  if (!ALGORITHM.test(algorithm)) return null;

  let credential: string | undefined;
  let signedHeaders: string[] | undefined;
  let signature: string | undefined;
  for (const field of header.slice(space + 1).split(',')) {
    const part = field.trim();
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const value = part.slice(eq + 1);
    if (value === '' || FIELD_VALUE_FORBIDDEN.test(value)) return null;
    switch (part.slice(0, eq)) {
      case 'Credential':
        if (credential !== undefined) return null;
        credential = value;
        break;
      case 'SignedHeaders':
        if (signedHeaders !== undefined) return null;
        signedHeaders = parseSignedHeaders(value);
        if (signedHeaders === undefined) return null;
        break;
      case 'Signature':
        if (signature !== undefined) return null;
        signature = value;
        break;
      default:
        return null;
    }
  }
  if (credential === undefined || signedHeaders === undefined || signature === undefined) return null;
  return { algorithm, credential, signedHeaders, signature };
}

function parseSignedHeaders(value: string): string[] | undefined {
  const names = value.split(';');
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (name === '') return undefined;
    for (let j = 0; j < name.length; j++) {
      const c = name.charCodeAt(j);
      if (c >= 128 || HEADER_NAME_CHAR[c] === 0) return undefined;
    }
    // Quadratic, but the list is a dozen names at most and this allocates nothing.
    for (let k = 0; k < i; k++) if (names[k] === name) return undefined;
  }
  return names;
}
