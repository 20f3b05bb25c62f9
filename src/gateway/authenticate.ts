import { apiError } from '../errors/catalogue.js';
import type { Caller } from '../services/action.js';
import {
  V3_ALGORITHM, canonicalRequestV3, parseTimestamp, safeEqual, sha256Hex, signV1, signV3, stringToSignV1, stringToSignV3, unsignedRequiredHeaders,
} from '../signing/index.js';
import type { CredentialResolver } from './credentials.js';
import type { HttpRequestParts, RpcRequest } from './rpc-request.js';

/** Remembers nonces within the freshness window (src/gateway/replay). */
export interface NonceClaimer {
  claim(accessKeyId: string, nonce: string, nowMs: number): Promise<boolean>;
}

export interface AuthenticatorOptions {
  /** Accepted distance between the request's timestamp and the server clock, either way. */
  clockSkewMs: number;
  /** Off only to replay captured requests (test vectors); never in a server. */
  checkFreshness: boolean;
  nonces: NonceClaimer | null;
}

/**
 * Proves who sent a request: timestamp freshness, the AccessKey (long-term or STS), the V1 or V3
 * signature compared in constant time, then the nonce — claimed only after the signature holds, so
 * nobody can burn another client's nonces.
 */
export class Authenticator {
  constructor(
    private readonly credentials: CredentialResolver,
    private readonly options: AuthenticatorOptions,
  ) {}

  /**
   * `attempt.caller` is set as soon as the AccessKey is known to be real, so a request that then
   * fails (bad signature, replay) can still be filed in the key owner's audit trail.
   */
  async authenticate(req: RpcRequest, parts: HttpRequestParts, now: number, attempt: { caller?: Caller } = {}): Promise<Caller> {
    const v3 = req.v3;
    if (v3) {
      if (v3.algorithm !== V3_ALGORITHM) throw apiError('InvalidSignatureMethod');
      if (!req.timestamp) throw apiError('MissingParameter', 'x-acs-date');
      if (!req.nonce) throw apiError('MissingParameter', 'x-acs-signature-nonce');
    } else {
      if (!req.accessKeyId) throw apiError('MissingParameter', 'AccessKeyId');
      const signatureMethod = paramOf(req, 'SignatureMethod');
      if (!paramOf(req, 'Signature')) throw apiError('MissingParameter', 'Signature');
      if (signatureMethod === undefined) throw apiError('MissingParameter', 'SignatureMethod');
      if (signatureMethod !== 'HMAC-SHA1') throw apiError('InvalidSignatureMethod');
      if (paramOf(req, 'SignatureVersion') !== '1.0') throw apiError('InvalidSignatureVersion');
      if (!req.timestamp) throw apiError('MissingParameter', 'Timestamp');
      if (!req.nonce) throw apiError('MissingParameter', 'SignatureNonce');
    }
    const timestamp = parseTimestamp(req.timestamp);
    if (timestamp === null) throw apiError('InvalidTimeStamp.Format');
    if (this.options.checkFreshness && Math.abs(now - timestamp) > this.options.clockSkewMs) throw apiError('InvalidTimeStamp.Expired');

    const accessKeyId = req.accessKeyId!;
    const { secret, caller } = await this.credentials.resolve(accessKeyId, req.securityToken, now);
    attempt.caller = caller;

    if (v3) {
      const missing = unsignedRequiredHeaders(parts.headers, v3.signedHeaders);
      const payloadHash = sha256Hex(parts.body);
      const stringToSign = stringToSignV3(
        canonicalRequestV3({ method: req.method, path: req.path, query: req.query, headers: parts.headers, signedHeaders: v3.signedHeaders, payloadHash }),
      );
      if (missing.length > 0) throw apiError('IncompleteSignature', stringToSign);
      if (!safeEqual(signV3(secret, stringToSign), v3.signature)) throw apiError('SignatureDoesNotMatch', stringToSign);
    } else {
      const stringToSign = stringToSignV1(req.method, req.all);
      if (!safeEqual(signV1(secret, stringToSign), paramOf(req, 'Signature')!)) throw apiError('SignatureDoesNotMatch', stringToSign);
    }

    if (this.options.checkFreshness && this.options.nonces && !(await this.options.nonces.claim(accessKeyId, req.nonce!, now))) {
      throw apiError('SignatureNonceUsed');
    }
    return caller;
  }
}

function paramOf(req: RpcRequest, name: string): string | undefined {
  for (const [k, v] of req.all) if (k === name) return v;
  return undefined;
}
