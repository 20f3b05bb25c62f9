import { randomBytes } from 'node:crypto';

/** Alibaba's AccessKeyIds and secrets are alphanumeric; base62 keeps ours indistinguishable in shape. */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The largest multiple of 62 that fits a byte: bytes at or above it are rejected so every digit is uniform. */
const UNBIASED_LIMIT = 248;

/** `length` uniformly random base62 characters (rejection sampling, no modulo bias). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    // 248/256 of the bytes are usable; asking for ~10% more than needed makes a second draw rare.
    const bytes = randomBytes(Math.ceil((length - out.length) * 1.1) + 2);
    for (const b of bytes) {
      if (b < UNBIASED_LIMIT) out += ALPHABET[b % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/**
 * The big-endian number in `bytes`, written as exactly `length` base62 digits (zero-padded).
 * Long division over 16-bit limbs keeps every intermediate below 2^22, so plain numbers are exact
 * and no BigInt is allocated: this runs on every request that carries temporary credentials.
 * Throws if the number needs more than `length` digits (a programming error, not input).
 */
export function base62Fixed(bytes: Uint8Array, length: number): string {
  const limbs = new Array<number>(Math.ceil(bytes.length / 2));
  const odd = bytes.length % 2;
  if (odd) limbs[0] = bytes[0]!;
  for (let i = odd, j = odd; i < bytes.length; i += 2, j++) limbs[j] = (bytes[i]! << 8) | bytes[i + 1]!;

  const digits = new Array<string>(length);
  for (let d = length - 1; d >= 0; d--) {
    let rem = 0;
    for (let j = 0; j < limbs.length; j++) {
      const acc = rem * 65536 + limbs[j]!;
      limbs[j] = Math.floor(acc / 62);
      rem = acc % 62;
    }
    digits[d] = ALPHABET[rem]!;
  }
  if (limbs.some((l) => l !== 0)) throw new RangeError(`${bytes.length} bytes do not fit ${length} base62 digits`);
  return digits.join('');
}
