import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAuthorizationV3 } from '../../src/signing/index.js';
import { garbage, plainName } from './arbitraries.js';

const SDK_HEADER =
  'ACS3-HMAC-SHA256 Credential=LTAI5tTestKeyA,SignedHeaders=host;x-acs-action;x-acs-date,Signature=a266e09c';

describe('parseAuthorizationV3', () => {
  it('parses the header the SDKs send', () => {
    expect(parseAuthorizationV3(SDK_HEADER)).toEqual({
      algorithm: 'ACS3-HMAC-SHA256',
      credential: 'LTAI5tTestKeyA',
      signedHeaders: ['host', 'x-acs-action', 'x-acs-date'],
      signature: 'a266e09c',
    });
  });
  it('accepts the fields in any order with spaces after the commas', () => {
    const parsed = parseAuthorizationV3('ACS3-HMAC-SHA256 Signature=ab, Credential=K, SignedHeaders=host');
    expect(parsed).toEqual({ algorithm: 'ACS3-HMAC-SHA256', credential: 'K', signedHeaders: ['host'], signature: 'ab' });
  });
  it('returns other algorithms as sent, for the gateway to refuse by name', () => {
    expect(parseAuthorizationV3(SDK_HEADER.replace('ACS3-HMAC-SHA256', 'ACS3-HMAC-SM3'))?.algorithm).toBe('ACS3-HMAC-SM3');
  });
  it.each([
    ['an empty header', ''],
    ['no fields', 'ACS3-HMAC-SHA256'],
    ['a missing field', 'ACS3-HMAC-SHA256 Credential=K,SignedHeaders=host'],
    ['an empty field', 'ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=ab'],
    ['a repeated field', 'ACS3-HMAC-SHA256 Credential=K,Credential=L,SignedHeaders=host,Signature=ab'],
    ['an unknown field', 'ACS3-HMAC-SHA256 Credential=K,SignedHeaders=host,Signature=ab,Extra=1'],
    ['a trailing comma', 'ACS3-HMAC-SHA256 Credential=K,SignedHeaders=host,Signature=ab,'],
    ['an upper-case signed header', 'ACS3-HMAC-SHA256 Credential=K,SignedHeaders=Host,Signature=ab'],
    ['an empty signed header name', 'ACS3-HMAC-SHA256 Credential=K,SignedHeaders=host;;x-acs-date,Signature=ab'],
    ['a signed header listed twice', 'ACS3-HMAC-SHA256 Credential=K,SignedHeaders=host;host,Signature=ab'],
    ['a leading space', ' ACS3-HMAC-SHA256 Credential=K,SignedHeaders=host,Signature=ab'],
    ['a Basic header', 'Basic dXNlcjpwYXNz'],
  ])('returns null for %s', (_what, header) => {
    expect(parseAuthorizationV3(header)).toBeNull();
  });

  it('reads back any well-formed header it is given', () => {
    const names = fc.uniqueArray(plainName.map((n) => n.toLowerCase()), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(plainName, names, fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 64 }), (credential, signedHeaders, signature) => {
        const header = `ACS3-HMAC-SHA256 Credential=${credential},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`;
        expect(parseAuthorizationV3(header)).toEqual({ algorithm: 'ACS3-HMAC-SHA256', credential, signedHeaders, signature });
      }),
    );
  });
  it('never throws, on any string', () => {
    fc.assert(fc.property(garbage, (header) => void parseAuthorizationV3(header)), { numRuns: 3000 });
    fc.assert(fc.property(garbage, (tail) => void parseAuthorizationV3(SDK_HEADER + tail)), { numRuns: 3000 });
  });
});
