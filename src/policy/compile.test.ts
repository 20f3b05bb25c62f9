import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile.js';
import type { PolicyDocument } from './types.js';

const source = { type: 'Custom' as const, name: 'built-in-code', version: 'v1' };
const withCondition = (Condition: PolicyDocument['Statement'][number]['Condition']): PolicyDocument =>
  ({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'], Condition }] });

describe('compilePolicy on documents built in code', () => {
  it('refuses an operator parsePolicy would have rejected', () => {
    expect(() => compilePolicy(withCondition({ StringEqualsIfExists: { k: ['v'] } }), source)).toThrow(/StringEqualsIfExists/);
  });

  it('refuses a value that would make a negated condition always hold', () => {
    expect(() => compilePolicy(withCondition({ NotIpAddress: { 'acs:SourceIp': ['not-an-ip'] } }), source)).toThrow(/not-an-ip/);
  });
});
