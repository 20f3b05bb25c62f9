/**
 * Parsing of the V3 `Authorization` header:
 * `ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<h1;h2;…>,Signature=<hex>`.
 */

export interface V3Authorization {
  /** As sent; the gateway rejects anything but ACS3-HMAC-SHA256 with its own error. */
  algorithm: string;
  credential: string;
  signedHeaders: string[];
  signature: string;
}

// Lower-case HTTP token characters (RFC 9110 tchar without A-Z): SDKs lower-case the names
// they sign, and a name in any other case could never match node's lower-cased headers.
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
const ALGORITHM = /^[A-Za-z0-9-]+$/;

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
  let signedHeaders: string | undefined;
  let signature: string | undefined;
  for (const field of header.slice(space + 1).split(',')) {
    const part = field.trim();
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const value = part.slice(eq + 1);
    if (value === '' || /[\s,]/.test(value)) return null;
    switch (part.slice(0, eq)) {
      case 'Credential':
        if (credential !== undefined) return null;
        credential = value;
        break;
      case 'SignedHeaders':
        if (signedHeaders !== undefined) return null;
        signedHeaders = value;
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

  const names = signedHeaders.split(';');
  if (names.some((name) => !HEADER_NAME.test(name))) return null;
  if (new Set(names).size !== names.length) return null;
  return { algorithm, credential, signedHeaders: names, signature };
}
