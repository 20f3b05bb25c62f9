/**
 * Formats epoch seconds in Alibaba's timestamp format, `YYYY-MM-DDThh:mm:ssZ` (no milliseconds),
 * keeping the last one formatted: each user of a formatter asks for the same second over and over
 * (the current second, a session's expiry), and formatting costs more than half a microsecond. Each
 * user has its own formatter, so two that ask for different seconds do not evict each other.
 */
export function secondsFormatter(): (epochSeconds: number) => string {
  let cachedSecond = Number.NaN;
  let cachedText = '';
  return (epochSeconds) => {
    if (epochSeconds !== cachedSecond) {
      cachedText = new Date(epochSeconds * 1000).toISOString().slice(0, 19) + 'Z';
      cachedSecond = epochSeconds;
    }
    return cachedText;
  };
}

const currentSecond = secondsFormatter();

/** Epoch ms as `YYYY-MM-DDThh:mm:ssZ`; every request asks for the current second. */
export function isoSeconds(ms: number): string {
  return currentSecond(Math.floor(ms / 1000));
}
