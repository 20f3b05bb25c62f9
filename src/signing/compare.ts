import { timingSafeEqual } from 'node:crypto';

/**
 * Signature comparison that does not leak, through timing, how many leading characters
 * matched. Lengths are public (a signature's length is fixed by its algorithm), so unequal
 * lengths return false at once.
 */
export function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  // Same UTF-16 length can still mean different UTF-8 lengths; timingSafeEqual would throw.
  return x.length === y.length && timingSafeEqual(x, y);
}
