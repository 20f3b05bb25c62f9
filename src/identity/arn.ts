/**
 * ARNs of RAM entities (api-facts §3.7). Role names are lower-cased in every ARN, as the real service
 * shows them (§2.8); RoleName itself keeps the case it was created with.
 */
export const rootArn = (accountId: string): string => `acs:ram::${accountId}:root`;
export const userArn = (accountId: string, userName: string): string => `acs:ram::${accountId}:user/${userName}`;
export const groupArn = (accountId: string, groupName: string): string => `acs:ram::${accountId}:group/${groupName}`;
export const roleArn = (accountId: string, roleName: string): string =>
  `acs:ram::${accountId}:role/${roleName.toLowerCase()}`;
/** GetCallerIdentity form of an assumed-role session. */
export const assumedRoleArn = (accountId: string, roleName: string, sessionName: string): string =>
  `acs:ram::${accountId}:assumed-role/${roleName.toLowerCase()}/${sessionName}`;
/** AssumeRole response form (`AssumedRoleUser.Arn`). */
export const roleSessionArn = (accountId: string, roleName: string, sessionName: string): string =>
  `acs:ram::${accountId}:role/${roleName.toLowerCase()}/${sessionName}`;
export const policyArn = (owner: string /* account ID or "system" */, policyName: string): string =>
  `acs:ram::${owner}:policy/${policyName}`;
export const mfaArn = (accountId: string, deviceName: string): string => `acs:ram::${accountId}:mfa/${deviceName}`;

/** Resource ARNs as RAM authorizes them (§2.13): region `*`, e.g. `acs:ram:*:<uid>:user/alice`. */
export const ramResource = (accountId: string, relativeId: string): string => `acs:ram:*:${accountId}:${relativeId}`;

export interface ParsedRoleArn {
  accountId: string;
  roleName: string;
}

const ROLE_ARN = /^acs:ram::(\d{1,32}):role\/([A-Za-z0-9.@-]{1,64})$/;

export function parseRoleArn(arn: string): ParsedRoleArn | null {
  const match = ROLE_ARN.exec(arn);
  return match ? { accountId: match[1]!, roleName: match[2]! } : null;
}
