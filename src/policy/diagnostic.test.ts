import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { compilePolicy, compilePolicySet, evaluate, parsePolicy, type Principal } from './index.js';
import { accessDeniedDetail, decodeDiagnosticMessage, DiagnosticMessageError } from './diagnostic.js';

const KEY = Buffer.alloc(32, 1);
const principal: Principal = { type: 'SubUser', accountId: '1234567890123456', arn: 'acs:ram::1234567890123456:user/alice', displayName: '208000000000001' };
const denyDelete = compilePolicy(
  parsePolicy('{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"ram:DeleteUser","Resource":"*"}]}', 'identity'),
  { type: 'Custom', name: 'Guard', version: 'v3', attachedTo: 'RamGroup' },
);
const denial = evaluate(compilePolicySet([denyDelete]), {
  action: 'ram:DeleteUser', resources: ['acs:ram::1234567890123456:user/bob'], principal, context: { 'acs:SourceIp': '10.0.0.1' },
});
const encoded = () => accessDeniedDetail(denial, principal, KEY, { 'acs:SourceIp': '10.0.0.1' }).EncodedDiagnosticMessage;

describe('EncodedDiagnosticMessage', () => {
  it('decodes back to the denial with the matched policy and its attachment', () => {
    expect(decodeDiagnosticMessage(encoded(), KEY)).toEqual({
      ExplicitDeny: true,
      NoPermissionPolicyType: 'AccountLevelIdentityBasedPolicy',
      AuthAction: 'ram:DeleteUser',
      AuthResource: 'acs:ram::1234567890123456:user/bob',
      AuthPrincipal: { AuthPrincipalType: 'SubUser', AuthPrincipalOwnerId: '1234567890123456', AuthPrincipalDisplayName: '208000000000001' },
      AuthConditions: [{ ConditionKey: 'acs:SourceIp', ConditionValues: ['10.0.0.1'] }],
      MatchedPolicies: [{ Effect: 'Deny', PolicyIdentifier: 'Guard', PolicyType: 'Custom', PolicyVersion: 'v3', AttachedEntityType: 'RamGroup', AttachedScope: 'Account' }],
    });
  });

  it('is opaque: the caller cannot read the policy name or resource from it', () => {
    const bytes = Buffer.from(encoded(), 'base64url').toString('latin1');
    expect(bytes).not.toContain('Guard');
    expect(bytes).not.toContain('user/bob');
  });

  it('differs for every denial so equal messages reveal nothing', () => {
    expect(encoded()).not.toBe(encoded());
  });

  it('refuses a message with a flipped byte', () => {
    const raw = Buffer.from(encoded(), 'base64url');
    raw[20] = (raw[20] ?? 0) ^ 1;
    expect(() => decodeDiagnosticMessage(raw.toString('base64url'), KEY)).toThrow(DiagnosticMessageError);
  });

  it('refuses a message sealed under another key', () => {
    expect(() => decodeDiagnosticMessage(encoded(), Buffer.alloc(32, 2))).toThrow(DiagnosticMessageError);
  });

  it('refuses text that is not a sealed message', () => {
    expect(() => decodeDiagnosticMessage('AQEAAAAAZBgxr0U1', KEY)).toThrow(DiagnosticMessageError);
  });

  it('refuses a message older than the allowed age as expired', () => {
    const message = encoded();
    let thrown: unknown;
    try {
      decodeDiagnosticMessage(message, KEY, { maxAgeMs: 60_000, now: Date.now() + 120_000 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DiagnosticMessageError);
    expect((thrown as DiagnosticMessageError).reason).toBe('expired');
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => accessDeniedDetail(denial, principal, Buffer.alloc(16))).toThrow(/32 bytes/);
  });

  it('is only produced for denials', () => {
    const allowed = evaluate(compilePolicySet([denyDelete]), { action: 'ram:GetUser', resources: ['*'], principal, context: {} });
    expect(() => accessDeniedDetail(allowed, principal, KEY)).toThrow(/denial/);
  });
});
