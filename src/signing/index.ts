/**
 * Pure request-signing core: encoding, canonicalization, HMACs and the checks around them.
 * No I/O; the gateway feeds it decoded request parts and maps null results to errors.
 */
export { percentEncode } from './encode.js';
export { parseFormOrQuery, type ParamList } from './params.js';
export { canonicalizeV1, stringToSignV1, signV1 } from './v1.js';
export {
  V3_ALGORITHM,
  canonicalRequestV3,
  stringToSignV3,
  signV3,
  sha256Hex,
  unsignedRequiredHeaders,
  type V3Input,
} from './v3.js';
export { parseAuthorizationV3, type V3Authorization } from './authorization.js';
export { safeEqual } from './compare.js';
export { parseTimestamp } from './timestamp.js';
