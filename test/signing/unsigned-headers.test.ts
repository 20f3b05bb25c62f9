import { describe, expect, it } from 'vitest';
import { unsignedRequiredHeaders } from '../../src/signing/index.js';

describe('unsignedRequiredHeaders', () => {
  const headers = {
    host: '127.0.0.1:8080',
    'x-acs-action': 'AssumeRole',
    'x-acs-security-token': 'tok',
    'content-type': 'application/x-www-form-urlencoded',
    'user-agent': 'x',
    accept: 'application/json',
    authorization: 'ACS3-HMAC-SHA256 …',
  };

  it('is empty when host, content-type and every x-acs-* header are signed', () => {
    expect(unsignedRequiredHeaders(headers, ['content-type', 'host', 'x-acs-action', 'x-acs-security-token'])).toEqual([]);
  });
  it('names an x-acs-* header left out of SignedHeaders', () => {
    expect(unsignedRequiredHeaders(headers, ['content-type', 'host', 'x-acs-action'])).toEqual(['x-acs-security-token']);
  });
  it('names unsigned host and content-type', () => {
    expect(unsignedRequiredHeaders(headers, ['x-acs-action', 'x-acs-security-token'])).toEqual(['host', 'content-type']);
  });
  it('ignores headers the SDKs do not sign', () => {
    expect(unsignedRequiredHeaders({ 'user-agent': 'x', accept: 'y', connection: 'keep-alive' }, [])).toEqual([]);
  });
});
