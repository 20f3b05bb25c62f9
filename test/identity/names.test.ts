import { describe, expect, it } from 'vitest';
import { checkAccountAlias, checkRoleName, checkUserName, defaultDomain } from '../../src/identity/names.js';

describe('account alias rule', () => {
  it.each([
    ['ab', 'must be 3 to 32 characters long'],
    ['a'.repeat(33), 'must be 3 to 32 characters long'],
    ['Acme', 'may contain only lowercase letters, digits and hyphens'],
    ['ac_me', 'may contain only lowercase letters, digits and hyphens'],
    ['-acme', 'must not start or end with a hyphen'],
    ['acme-', 'must not start or end with a hyphen'],
    ['ac--me', 'must not contain two hyphens in a row'],
  ])('rejects %s: %s', (alias, rule) => {
    expect(checkAccountAlias(alias)).toBe(rule);
  });

  it.each(['abc', 'a-b-c', 'acme-2026', 'a'.repeat(32)])('accepts %s', (alias) => {
    expect(checkAccountAlias(alias)).toBeNull();
  });
});

describe('entity name rules', () => {
  it('user names allow letters, digits, dot, underscore and hyphen up to 64', () => {
    expect(checkUserName('alice.b_c-1')).toBeNull();
    expect(checkUserName('a'.repeat(65))).toBe('length');
    expect(checkUserName('al ice')).toBe('chars');
  });

  it('role names allow letters, digits, dot and hyphen but not underscore', () => {
    expect(checkRoleName('arms-operator.v2')).toBeNull();
    expect(checkRoleName('arms_operator')).toBe('chars');
  });
});

describe('default domain', () => {
  it('uses the alias when there is one and the account ID otherwise', () => {
    expect(defaultDomain('1234567890123456', 'acme')).toBe('acme.onaliyun.com');
    expect(defaultDomain('1234567890123456', null)).toBe('1234567890123456.onaliyun.com');
  });
});
