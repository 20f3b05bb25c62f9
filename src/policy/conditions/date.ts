// ISO-8601 calendar date, optionally with a time and a zone: 2019-08-12T17:00:00+08:00, 2012-11-11T23:59:59Z,
// 2020-01-01. Parsed by hand because Date.parse reads a zone-less date-time as local time and rolls
// 2019-02-30 over into March instead of rejecting it.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) return Number.NaN;
  return sign * (hours * 60 + minutes);
}

/** Milliseconds since the epoch, or NaN when the text is not a valid ISO-8601 date (zone-less = UTC). */
export function parseIsoDate(text: string): number {
  const m = ISO_DATE.exec(text);
  if (m === null) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const offset = zoneOffsetMinutes(zone);
  if (Number.isNaN(offset)) return Number.NaN;
  const millis = frac === '' ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
}

export function checkIsoDate(text: string): string | undefined {
  return Number.isNaN(parseIsoDate(text)) ? `'${text}' is not an ISO-8601 date` : undefined;
}
