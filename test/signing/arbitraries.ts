/** fast-check generators shared by the signing property tests. */
import fc from 'fast-check';

/** The characters encoders most often get wrong, mixed into full-Unicode text. */
const TRICKY = ['*', '~', '!', "'", '(', ')', ' ', '+', '&', '=', '%', '/', '?', '#', '\n', 'é', '中', '😀', '\uff01', '\ue000'];

/** Any well-formed Unicode string (astral planes included), biased towards TRICKY characters. */
export const unicodeText = fc.string({
  unit: fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
  maxLength: 24,
});

/**
 * Anything a client could put on the wire, ill-formed included: lone surrogates, truncated
 * and non-hex escapes, escapes of invalid UTF-8.
 */
export const garbage = fc.string({
  unit: fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('%', '%2', '%zz', '%C3', '%FF', '%ED%A0%80', '%C0%AF', '+', '&', '=', ';', ',', ' ', '='),
  ),
  maxLength: 40,
});

/**
 * A parameter name the SDK can hold as an object key: anything but `__proto__`, which sets
 * the prototype instead of adding a key.
 */
export const paramName = unicodeText.filter((name) => name !== '__proto__');

/** Parameters with distinct names, as an SDK (which keeps them in an object) sends them. */
export function uniqueParams(name: fc.Arbitrary<string> = paramName): fc.Arbitrary<Array<[string, string]>> {
  return fc.uniqueArray(fc.tuple(name, unicodeText), { selector: (p) => p[0], maxLength: 8 });
}

/** Names made only of unreserved characters, like every real API parameter (`Tag.1.Key`). */
export const plainName = fc
  .string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~'),
    minLength: 1,
    maxLength: 12,
  })
  .filter((name) => name !== '__proto__');

/** A header value node can carry: tab, printable ASCII and Latin-1, padded with spaces/tabs. */
export const headerValue = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)),
    fc.constant('\t'),
  ),
  maxLength: 24,
});

export const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', '');

export function toObject(params: Array<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of params) out[name] = value;
  return out;
}
