/**
 * Compiles `*` (any run of characters, possibly empty) / `?` (exactly one character) patterns into
 * matchers. Most patterns in real policies are a literal, `*`, `prefix*` or `*suffix`; those get
 * string fast paths, the rest a precompiled anchored RegExp.
 */

export type Matcher = (text: string) => boolean;

export const matchAll: Matcher = () => true;

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

function toRegExp(pattern: string): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '[\\s\\S]*';
    else if (ch === '?') source += '[\\s\\S]';
    else source += escapeRegExp(ch);
  }
  // `u` so that `?` consumes one code point, not half of a surrogate pair.
  return new RegExp(`^${source}$`, 'u');
}

/** A case-sensitive matcher for the pattern. Callers wanting case-insensitivity lower-case both sides. */
export function compileWildcard(pattern: string): Matcher {
  if (pattern === '*') return matchAll;
  if (pattern.includes('?')) {
    const re = toRegExp(pattern);
    return (text) => re.test(text);
  }
  const stars = pattern.split('*').length - 1;
  if (stars === 0) return (text) => text === pattern;
  const first = pattern.indexOf('*');
  if (stars === 1) {
    const prefix = pattern.slice(0, first);
    const suffix = pattern.slice(first + 1);
    const minLength = prefix.length + suffix.length;
    if (suffix === '') return (text) => text.startsWith(prefix);
    if (prefix === '') return (text) => text.endsWith(suffix);
    return (text) => text.length >= minLength && text.startsWith(prefix) && text.endsWith(suffix);
  }
  const re = toRegExp(pattern);
  return (text) => re.test(text);
}

/** True when the pattern contains a wildcard character. */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}
