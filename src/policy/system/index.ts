import AdministratorAccess from './AdministratorAccess.json' with { type: 'json' };
import AliyunARMSFullAccess from './AliyunARMSFullAccess.json' with { type: 'json' };
import AliyunARMSReadOnlyAccess from './AliyunARMSReadOnlyAccess.json' with { type: 'json' };
import AliyunRAMFullAccess from './AliyunRAMFullAccess.json' with { type: 'json' };
import AliyunRAMReadOnlyAccess from './AliyunRAMReadOnlyAccess.json' with { type: 'json' };
import AliyunSTSAssumeRoleAccess from './AliyunSTSAssumeRoleAccess.json' with { type: 'json' };
import PowerUserAccess from './PowerUserAccess.json' with { type: 'json' };
import ReadOnlyAccess from './ReadOnlyAccess.json' with { type: 'json' };

/**
 * The system policies ramstack seeds (api-facts §3.8). Each is a data file in this folder; `document`
 * is the policy text exactly as GetPolicy returns it (Alibaba returns system documents as stored, with
 * their own formatting), and `provenance` records how sure we are of it.
 */
export interface SystemPolicy {
  name: string;
  description: string;
  versionId: string;
  document: string;
  createDate: string;
  updateDate: string;
  provenance: string;
}

export const systemPolicies: ReadonlyArray<SystemPolicy> = Object.freeze([
  AdministratorAccess,
  ReadOnlyAccess,
  PowerUserAccess,
  AliyunRAMFullAccess,
  AliyunRAMReadOnlyAccess,
  AliyunSTSAssumeRoleAccess,
  AliyunARMSFullAccess,
  AliyunARMSReadOnlyAccess,
].map((policy) => Object.freeze(policy)));

const byLowerName = new Map(systemPolicies.map((policy) => [policy.name.toLowerCase(), policy]));

/** Looks a system policy up case-insensitively (`AliyunOssFullAccess` finds `AliyunOSSFullAccess`, §2.8). */
export function findSystemPolicy(name: string): SystemPolicy | undefined {
  return byLowerName.get(name.toLowerCase());
}
