/**
 * Signature comparison that does not leak, through timing, how many leading characters
 * matched: every code unit is compared, with no early exit. Lengths are public (a
 * signature's length is fixed by its algorithm), so unequal lengths return false at once.
 * An XOR loop rather than crypto.timingSafeEqual: it compares UTF-16 code units exactly
 * and needs no Buffer per call on the hot path.
 */
export function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
