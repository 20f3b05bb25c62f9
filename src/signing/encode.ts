/**
 * RFC 3986 percent-encoding over UTF-8, the encoding both Alibaba signature schemes
 * canonicalize with: only A-Z a-z 0-9 - _ . ~ stay literal, everything else is %XY
 * (upper-case hex). Space is %20 (never +) and * is %2A, unlike encodeURIComponent.
 */

const HEX: readonly string[] = Array.from(
  { length: 256 },
  (_, b) => '%' + b.toString(16).toUpperCase().padStart(2, '0'),
);

const UNRESERVED = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~') {
  UNRESERVED[c.charCodeAt(0)] = 1;
}

/**
 * Hand-rolled rather than encodeURIComponent + five replaces: one pass, no regex, returns the
 * input itself when nothing needs escaping (the common case for names, ids and timestamps),
 * and never throws. A lone surrogate is encoded as U+FFFD, as Buffer.from(s, 'utf8') would;
 * decoded wire input never contains one (parseFormOrQuery rejects invalid UTF-8).
 */
export function percentEncode(s: string): string {
  const n = s.length;
  let out = '';
  let runStart = 0; // start of the pending run of literal characters
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80 && UNRESERVED[c] === 1) continue;
    if (runStart < i) out += s.slice(runStart, i);
    if (c < 0x80) {
      out += HEX[c];
    } else if (c < 0x800) {
      out += HEX[0xc0 | (c >> 6)]! + HEX[0x80 | (c & 0x3f)]!;
    } else {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        out +=
          HEX[0xf0 | (cp >> 18)]! +
          HEX[0x80 | ((cp >> 12) & 0x3f)]! +
          HEX[0x80 | ((cp >> 6) & 0x3f)]! +
          HEX[0x80 | (cp & 0x3f)]!;
        i++;
      } else {
        if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
        out += HEX[0xe0 | (c >> 12)]! + HEX[0x80 | ((c >> 6) & 0x3f)]! + HEX[0x80 | (c & 0x3f)]!;
      }
    }
    runStart = i + 1;
  }
  if (runStart === 0) return s;
  return runStart < n ? out + s.slice(runStart) : out;
}
