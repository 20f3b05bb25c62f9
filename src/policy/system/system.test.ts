import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../parse.js';
import { findSystemPolicy, systemPolicies } from './index.js';

describe('system policies', () => {
  it('ships the eight policies the issue names', () => {
    expect(systemPolicies.map((p) => p.name).sort()).toEqual([
      'AdministratorAccess', 'AliyunARMSFullAccess', 'AliyunARMSReadOnlyAccess', 'AliyunRAMFullAccess',
      'AliyunRAMReadOnlyAccess', 'AliyunSTSAssumeRoleAccess', 'PowerUserAccess', 'ReadOnlyAccess',
    ]);
  });

  it.each(systemPolicies.map((p) => [p.name, p] as const))('%s is a valid identity policy', (_name, policy) => {
    expect(() => parsePolicy(policy.document, 'identity')).not.toThrow();
  });

  it('carries the published version ids', () => {
    const versions = Object.fromEntries(systemPolicies.map((p) => [p.name, p.versionId]));
    expect(versions).toMatchObject({ AliyunRAMReadOnlyAccess: 'v3', AliyunARMSReadOnlyAccess: 'v13', AliyunARMSFullAccess: 'v16', AliyunSTSAssumeRoleAccess: 'v1', AdministratorAccess: 'v1' });
  });

  it('keeps documents as stored text, not re-serialized', () => {
    expect(findSystemPolicy('AdministratorAccess')?.document.startsWith('\n{\n  "Statement"')).toBe(true);
    expect(findSystemPolicy('AliyunSTSAssumeRoleAccess')?.document).toBe('{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Resource":"*"}],"Version":"1"}');
  });

  it('finds a system policy by name regardless of case', () => {
    expect(findSystemPolicy('aliyunarmsreadonlyaccess')?.name).toBe('AliyunARMSReadOnlyAccess');
  });

  it('finds nothing for an unknown name', () => {
    expect(findSystemPolicy('AliyunECSFullAccess')).toBeUndefined();
  });

  it('cannot be modified by a caller', () => {
    const policy = systemPolicies[0] as { document: string };
    expect(() => { policy.document = '{}'; }).toThrow(TypeError);
  });
});
