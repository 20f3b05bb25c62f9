import { describe, expect, it } from 'vitest';
import { EXIT, parseContext, simulateCommand, simulatedPrincipal, validateCommand, type PolicyIo } from './policy-command.js';

/** An in-memory PolicyIo over a few named files, recording what the command prints. */
function io(files: Record<string, string>) {
  const printed = { out: '', err: '' };
  const fake: PolicyIo = {
    out: (text) => { printed.out += text; },
    err: (text) => { printed.err += text; },
    readFile: (path) => {
      const content = files[path];
      if (content === undefined) throw new Error('ENOENT');
      return content;
    },
  };
  return { fake, printed };
}

const READ_USERS = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ram:Get*', Resource: '*' }] });
const BAD = JSON.stringify({ Version: '1', Statement: [{ Effect: 'allow', Action: '*', Resource: '*' }] });
const simulate = (extra: Partial<Parameters<typeof simulateCommand>[0]> = {}) => ({
  policy: ['read-users.json'], action: 'ram:GetUser', resource: ['acs:ram::1234567890123456:user/alice'],
  principal: 'acs:ram::1234567890123456:user/bob', ...extra,
});

describe('policy validate', () => {
  it('exits 0 for a valid policy and says so', () => {
    const { fake, printed } = io({ 'p.json': READ_USERS });
    expect(validateCommand('p.json', 'identity', fake)).toBe(EXIT.ok);
    expect(printed.out).toContain('valid identity policy (1 statement)');
  });

  it('exits 2 for an invalid policy, printing the code and the offending element', () => {
    const { fake, printed } = io({ 'p.json': BAD });
    expect(validateCommand('p.json', 'identity', fake)).toBe(EXIT.invalid);
    expect(printed.err).toContain('MalformedPolicyDocument: Statement[0].Effect');
  });

  it('reports session policy errors with the STS code', () => {
    const { fake, printed } = io({ 'p.json': BAD });
    validateCommand('p.json', 'session', fake);
    expect(printed.err).toContain('InvalidParameter.PolicyGrammar');
  });

  it('exits 2 for a file it cannot read', () => {
    const { fake, printed } = io({});
    expect(validateCommand('missing.json', 'identity', fake)).toBe(EXIT.invalid);
    expect(printed.err).toContain('cannot read missing.json');
  });
});

describe('policy simulate', () => {
  it('exits 0 and explains an allowed request', () => {
    const { fake, printed } = io({ 'read-users.json': READ_USERS });
    expect(simulateCommand(simulate(), fake)).toBe(EXIT.ok);
    expect(printed.out).toBe("ALLOWED\nAllowed: ram:GetUser is allowed by statement 0 of Custom policy 'read-users' (version v1).\n");
  });

  it('exits 1 and explains a denied request', () => {
    const { fake, printed } = io({ 'read-users.json': READ_USERS });
    expect(simulateCommand(simulate({ action: 'ram:DeleteUser' }), fake)).toBe(EXIT.denied);
    expect(printed.out).toContain('DENIED (ImplicitDeny)');
  });

  it('prints the decision as JSON with --json', () => {
    const { fake, printed } = io({ 'read-users.json': READ_USERS });
    simulateCommand(simulate({ json: true }), fake);
    expect(JSON.parse(printed.out)).toMatchObject({ allowed: true, type: 'Allow', matched: [{ statementIndex: 0, effect: 'Allow' }] });
  });

  it('accepts system policies by name', () => {
    const { fake } = io({});
    expect(simulateCommand(simulate({ policy: ['system:AliyunARMSReadOnlyAccess'], action: 'arms:SearchContact', resource: ['*'] }), fake)).toBe(EXIT.ok);
  });

  it('intersects with a session policy', () => {
    const { fake, printed } = io({ 'read-users.json': READ_USERS, 'session.json': JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ram:List*', Resource: '*' }] }) });
    expect(simulateCommand(simulate({ session: 'session.json' }), fake)).toBe(EXIT.denied);
    expect(printed.out).toContain('SessionPolicy');
  });

  it('passes --context keys to conditions', () => {
    const policy = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } }] });
    const { fake } = io({ 'read-users.json': policy });
    expect(simulateCommand(simulate({ context: ['acs:SourceIp=10.1.1.1'] }), fake)).toBe(EXIT.ok);
    expect(simulateCommand(simulate({ context: ['acs:SourceIp=8.8.8.8'] }), fake)).toBe(EXIT.denied);
  });

  it('exits 2 for an invalid policy file', () => {
    const { fake } = io({ 'read-users.json': BAD });
    expect(simulateCommand(simulate(), fake)).toBe(EXIT.invalid);
  });

  it('exits 2 for an unknown system policy', () => {
    const { fake, printed } = io({});
    expect(simulateCommand(simulate({ policy: ['system:NoSuchPolicy'] }), fake)).toBe(EXIT.invalid);
    expect(printed.err).toContain('no system policy named NoSuchPolicy');
  });
});

describe('command-line parsing', () => {
  it('collects a repeated context key into a multi-valued key', () => {
    expect(parseContext(['acs:TagKeys=a', 'acs:TagKeys=b', 'k=v=w'])).toEqual({ 'acs:TagKeys': ['a', 'b'], k: 'v=w' });
  });

  it('refuses a context pair without a key', () => {
    expect(() => parseContext(['=v'])).toThrow(/key=value/);
  });

  it('reads an assumed-role ARN as a role session principal', () => {
    expect(simulatedPrincipal('acs:ram::1234567890123456:assumed-role/ops/alice')).toMatchObject({ type: 'AssumedRoleUser', displayName: 'ops:alice' });
  });
});
