/** Alibaba's timestamp format, `YYYY-MM-DDThh:mm:ssZ` (no milliseconds). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}
