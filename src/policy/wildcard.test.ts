import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWildcard } from './wildcard.js';

/** An independent reading of the wildcard rules: `*` any run, `?` one character, all else literal. */
function reference(pattern: string, text: string): boolean {
  const [p, ...rest] = pattern;
  if (p === undefined) return text === '';
  const tail = rest.join('');
  if (p === '*') return [...Array(text.length + 1).keys()].some((i) => reference(tail, text.slice(i)));
  if (text === '') return false;
  return (p === '?' || p === text[0]) && reference(tail, text.slice(1));
}

describe('compileWildcard', () => {
  it('agrees with the reference semantics on every fast path and the RegExp path', () => {
    const alphabet = fc.constantFrom('a', 'b', '.', '*', '?', '/', '-', '(', '\\', '$');
    const pattern = fc.array(alphabet, { maxLength: 6 }).map((cs) => cs.join(''));
    const text = fc.array(fc.constantFrom('a', 'b', '.', '/', '-', '(', '\\', '$', '*'), { maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(fc.property(pattern, text, (p, t) => {
      expect(compileWildcard(p)(t)).toBe(reference(p, t));
    }), { numRuns: 3000 });
  });

  it('treats regular expression syntax in a pattern as literal text', () => {
    expect(compileWildcard('a.c?')('abcd')).toBe(false);
    expect(compileWildcard('a.c?')('a.cd')).toBe(true);
  });
});
