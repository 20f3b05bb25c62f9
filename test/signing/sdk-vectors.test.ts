/**
 * The 42 requests the official SDKs really sent (../shared/vectors): the standard ones must
 * recompute byte for byte, the three @alicloud/sts-sdk quirks must not verify.
 */
import { describe, expect, it } from 'vitest';
import {
  canonicalRequestV3,
  canonicalizeV1,
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
import { vectors, type SdkVector } from './vectors.js';

const v1 = vectors.filter((v) => v.signatureVersion === 'RPC-V1-HMAC-SHA1');
const v3 = vectors.filter((v) => v.signatureVersion === 'ACS3-HMAC-SHA256');
const standardV1 = v1.filter((v) => v.standardVerifiable);
const standardV3 = v3.filter((v) => v.standardVerifiable);
const nonStandard = vectors.filter((v) => !v.standardVerifiable);

/** Query and form body merged, decoded from the wire as the gateway will do it. */
function wireParams(v: SdkVector): ParamList {
  const query = parseFormOrQuery(v.rawQuery);
  const isForm = v.headers['content-type']?.startsWith('application/x-www-form-urlencoded') === true;
  const form = isForm ? parseFormOrQuery(v.body) : [];
  if (query === null || form === null) throw new Error(`${v.id}: undecodable wire parameters`);
  return [...query, ...form];
}

function v3Parts(v: SdkVector) {
  const auth = parseAuthorizationV3(v.headers.authorization ?? '');
  if (auth === null) throw new Error(`${v.id}: unparseable Authorization`);
  const query = parseFormOrQuery(v.rawQuery);
  if (query === null) throw new Error(`${v.id}: undecodable query`);
  const canonical = canonicalRequestV3({
    method: v.method,
    path: v.path,
    query,
    headers: v.headers,
    signedHeaders: auth.signedHeaders,
    payloadHash: sha256Hex(v.body),
  });
  return { auth, canonical };
}

describe('captured SDK requests', () => {
  it('cover 39 standard and 3 non-standard requests', () => {
    expect(vectors).toHaveLength(42);
    expect(nonStandard.map((v) => v.id)).toEqual(['v016', 'v040', 'v041']);
  });

  describe.each(standardV1.map((v) => [v.id, v] as const))('V1 %s', (_id, v) => {
    it('recomputes the canonicalized query from query and form merged', () => {
      expect(canonicalizeV1(wireParams(v))).toBe(v.derived.canonicalizedQuery);
    });
    it('recomputes the string to sign', () => {
      expect(stringToSignV1(v.method, wireParams(v))).toBe(v.derived.stringToSign);
    });
    it('recomputes the signature it carries', () => {
      const sent = wireParams(v).filter(([name]) => name === 'Signature');
      expect(sent).toEqual([['Signature', v.expectedSignature]]);
      expect(signV1(v.accessKeySecret, v.derived.stringToSign)).toBe(v.expectedSignature);
    });
    it('carries a timestamp parseTimestamp accepts', () => {
      const ts = wireParams(v).find(([name]) => name === 'Timestamp');
      expect(parseTimestamp(ts?.[1] ?? '')).not.toBeNull();
    });
  });

  describe.each(standardV3.map((v) => [v.id, v] as const))('V3 %s', (_id, v) => {
    it('parses the Authorization header into the captured signed headers', () => {
      const { auth } = v3Parts(v);
      expect(auth).toEqual({
        algorithm: 'ACS3-HMAC-SHA256',
        credential: v.accessKeyId,
        signedHeaders: v.signedHeaders,
        signature: v.expectedSignature,
      });
    });
    it('sends an x-acs-content-sha256 that matches the body', () => {
      expect(v.headers['x-acs-content-sha256']).toBe(sha256Hex(v.body));
    });
    it('signs every host, content-type and x-acs-* header it sends', () => {
      expect(unsignedRequiredHeaders(v.headers, v3Parts(v).auth.signedHeaders)).toEqual([]);
    });
    it('recomputes the canonical request with the captured host', () => {
      expect(v3Parts(v).canonical).toBe(v.derived.canonicalRequest);
    });
    it('recomputes the string to sign and the signature', () => {
      const stringToSign = stringToSignV3(v3Parts(v).canonical);
      expect(stringToSign).toBe(v.derived.stringToSign);
      expect(signV3(v.accessKeySecret, stringToSign)).toBe(v.expectedSignature);
    });
    it('carries an x-acs-date parseTimestamp accepts', () => {
      expect(parseTimestamp(v.headers['x-acs-date'] ?? '')).not.toBeNull();
    });
  });

  describe.each(nonStandard.map((v) => [v.id, v] as const))('non-standard %s', (_id, v) => {
    it('does not verify with the standard algorithm', () => {
      const signature = signV1(v.accessKeySecret, stringToSignV1(v.method, wireParams(v)));
      expect(signature).not.toBe(v.expectedSignature);
      expect(signature).toBe(v.derived.standardAlgorithmWouldGive);
    });
  });
});
