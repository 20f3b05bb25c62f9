/**
 * Request parameters as decoded name/value pairs. A list, not a map: the wire can repeat a
 * name, and the signature has to cover exactly what was sent.
 */
export type ParamList = Array<[string, string]>;

/**
 * Decodes an application/x-www-form-urlencoded string (a query string or a form body):
 * `&`-separated `name=value` pairs, `+` is a space, `%XY` are UTF-8 bytes. Empty segments
 * (`a=1&&b=2`) are skipped; a segment without `=` is a name with an empty value.
 *
 * Returns null when a `%` is not followed by two hex digits or the bytes are not valid UTF-8.
 * No SDK produces either, and decoding them leniently (keeping `%zz`, or U+FFFD) would let
 * different wire strings canonicalize to the same signed string, so the gateway should answer
 * null with a 400 rather than guess.
 */
export function parseFormOrQuery(raw: string): ParamList | null {
  const out: ParamList = [];
  const n = raw.length;
  let start = 0;
  while (start <= n) {
    let end = raw.indexOf('&', start);
    if (end === -1) end = n;
    if (end > start) {
      const eq = raw.indexOf('=', start);
      const nameEnd = eq === -1 || eq > end ? end : eq;
      const name = decodeComponent(raw.slice(start, nameEnd));
      const value = nameEnd === end ? '' : decodeComponent(raw.slice(nameEnd + 1, end));
      if (name === null || value === null) return null;
      out.push([name, value]);
    }
    start = end + 1;
  }
  return out;
}

function decodeComponent(s: string): string | null {
  const hasPlus = s.includes('+');
  if (!hasPlus && !s.includes('%')) return s;
  const spaced = hasPlus ? s.replaceAll('+', ' ') : s;
  try {
    // decodeURIComponent is native and strict: it throws URIError on a bad escape, on
    // invalid or overlong UTF-8 and on encoded surrogates — exactly the inputs we reject.
    return decodeURIComponent(spaced);
  } catch {
    return null;
  }
}
