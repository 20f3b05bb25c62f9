/** V1 canonicalization and signature against the official SDKs' getRPCSignature. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizeV1, signV1, stringToSignV1, type ParamList } from '../../src/signing/index.js';
import { method, paramName, toObject, unicodeText, uniqueParams } from './arbitraries.js';
import { openapiCore, openapiUtil } from './sdk-reference.js';

// The SDK signs every key it is given; Signature is added after signing, so leave it out.
const signedParams = uniqueParams(paramName.filter((name) => name !== 'Signature'));

function ours(secret: string, verb: string, params: ParamList): string {
  return signV1(secret, stringToSignV1(verb, params));
}

describe('V1 signature', () => {
  it('agrees with openapi-core for any Unicode names, values, method and secret', () => {
    fc.assert(
      fc.property(signedParams, method, unicodeText, (params, verb, secret) => {
        expect(ours(secret, verb, params)).toBe(openapiCore.getRPCSignature(toObject(params), verb, secret));
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with openapi-util for any Unicode names, values, method and secret', () => {
    fc.assert(
      fc.property(signedParams, method, unicodeText, (params, verb, secret) => {
        expect(ours(secret, verb, params)).toBe(openapiUtil.getRPCSignature(toObject(params), verb, secret));
      }),
      { numRuns: 1000 },
    );
  });

  it('orders names as the SDK does when astral and high-BMP characters meet', () => {
    // UTF-16 puts U+1F600 (D83D DE00) before U+FF01; UTF-8 byte order would not.
    const params: ParamList = [['\uff01', '1'], ['😀', '2']];
    expect(canonicalizeV1(params)).toBe('%F0%9F%98%80=2&%EF%BC%81=1');
    expect(ours('s', 'GET', params)).toBe(openapiCore.getRPCSignature(toObject(params), 'GET', 's'));
  });

  it('does not depend on parameter order', () => {
    fc.assert(
      fc.property(signedParams, (params) => {
        expect(canonicalizeV1([...params].reverse())).toBe(canonicalizeV1(params));
      }),
    );
  });

  it('orders repeated names by value, wherever they came from', () => {
    expect(canonicalizeV1([['a', '2'], ['b', 'x'], ['a', '1']])).toBe('a=1&a=2&b=x');
  });

  it('leaves out every Signature parameter, even repeated', () => {
    expect(canonicalizeV1([['Signature', 'x'], ['A', '1'], ['Signature', 'y']])).toBe('A=1');
  });
});
