import { randomView } from './random-pool.js';

/** Alibaba's AccessKeyIds and secrets are alphanumeric; base62 keeps ours indistinguishable in shape. */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The largest multiple of 62 that fits a byte: bytes at or above it are rejected so every digit is uniform. */
const UNBIASED_LIMIT = 248;
const MAX_DRAW = 256;

/** `length` uniformly random base62 characters (rejection sampling, no modulo bias). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    // 248/256 of the bytes are usable; asking for ~10% more than needed makes a second draw rare.
    // Draws are capped so a long string cannot exceed the pool.
    const bytes = randomView(Math.min(Math.ceil((length - out.length) * 1.1) + 2, MAX_DRAW));
    for (const b of bytes) {
      if (b < UNBIASED_LIMIT) out += ALPHABET[b % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** Three digits per division step: 62^3 * 2^32 < 2^53, so every intermediate is an exact double. */
const CHUNK_DIGITS = 3;
const CHUNK = 62 ** CHUNK_DIGITS;
const ALPHABET_CODES = Buffer.from(ALPHABET, 'latin1');

/**
 * The big-endian number in `bytes`, written as exactly `length` base62 digits (zero-padded).
 * Long division over 32-bit limbs, three digits per pass, in plain doubles rather than BigInt
 * (about 3x faster): this runs on every request that carries temporary credentials.
 * Throws if the number needs more than `length` digits (a programming error, not input).
 */
export function base62Fixed(bytes: Uint8Array, length: number): string {
  const head = bytes.length % 4;
  const limbs: number[] = [];
  if (head) limbs.push(bytes.subarray(0, head).reduce((acc, b) => acc * 256 + b, 0));
  for (let i = head; i < bytes.length; i += 4) {
    limbs.push(((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0);
  }

  const out = Buffer.allocUnsafe(length);
  let overflow = false;
  for (let d = length - 1; d >= 0; d -= CHUNK_DIGITS) {
    let rem = 0;
    for (let j = 0; j < limbs.length; j++) {
      const acc = rem * 0x1_0000_0000 + limbs[j]!;
      const q = Math.floor(acc / CHUNK);
      limbs[j] = q;
      rem = acc - q * CHUNK; // not `%`: float modulo is several times slower
    }
    for (let k = d; k > d - CHUNK_DIGITS; k--, rem = Math.floor(rem / 62)) {
      if (k >= 0) out[k] = ALPHABET_CODES[rem % 62]!;
      else overflow ||= rem % 62 !== 0; // a digit beyond `length`
    }
  }
  if (overflow || limbs.some((l) => l !== 0)) throw new RangeError(`${bytes.length} bytes do not fit ${length} base62 digits`);
  return out.toString('latin1');
}
