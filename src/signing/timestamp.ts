/**
 * Strict parser for the signature timestamps (`Timestamp`, `x-acs-date`):
 * `YYYY-MM-DDThh:mm:ssZ` as the SDKs send it, or `YYYY-MM-DDThh:mm:ss.mmmZ` as
 * @alicloud/sts-sdk does (toISOString). Returns epoch milliseconds, or null for any other
 * shape or an impossible date (month 13, 31 April, 29 February outside leap years, second 60).
 * Hand-parsed because Date.parse accepts many other shapes and rolls invalid dates over.
 */
export function parseTimestamp(s: string): number | null {
  const len = s.length;
  if (len !== 20 && len !== 24) return null;
  if (
    s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d || s.charCodeAt(10) !== 0x54 ||
    s.charCodeAt(13) !== 0x3a || s.charCodeAt(16) !== 0x3a || s.charCodeAt(len - 1) !== 0x5a
  ) {
    return null;
  }
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  let millis = 0;
  if (len === 24) {
    if (s.charCodeAt(19) !== 0x2e) return null;
    millis = digits(s, 20, 3);
  }
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) {
    return null;
  }
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis;
}

/** The number in s[start, start+count), or -1 if any of those characters is not 0-9. */
function digits(s: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
 * Date.UTC would do, except that it maps years 0-99 to 1900-1999.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
