import { timingSafeEqual } from 'node:crypto';

/**
 * Signature comparison that does not leak, through timing, how many leading characters
 * matched. Lengths are public (a signature's length is fixed by its algorithm), so unequal
 * lengths return false at once. UTF-16 bytes rather than UTF-8: the encoding is lossless
 * (UTF-8 would turn every lone surrogate into U+FFFD and call them equal) and equal string
 * lengths give equal buffer lengths, which timingSafeEqual requires.
 */
export function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a, 'utf16le'), Buffer.from(b, 'utf16le'));
}
