let cachedSecond = Number.NaN;
let cachedText = '';

/**
 * Alibaba's timestamp format, `YYYY-MM-DDThh:mm:ssZ` (no milliseconds). Every request asks for the
 * current second, so the last one formatted is kept.
 */
export function isoSeconds(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    cachedText = new Date(second * 1000).toISOString().slice(0, 19) + 'Z';
    cachedSecond = second;
  }
  return cachedText;
}
