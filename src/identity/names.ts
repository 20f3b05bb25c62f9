/**
 * Name rules of RAM entities (api-facts §2.2). Each check returns null when the value is valid, or
 * which rule it breaks ('chars' | 'length' | 'format'), so callers map it to their own error code.
 */
export type NameViolation = 'chars' | 'length' | 'format';

function rule(pattern: RegExp, min: number, max: number) {
  return (value: string): NameViolation | null => {
    if (value.length < min || value.length > max) return 'length';
    return pattern.test(value) ? null : 'chars';
  };
}

export const checkUserName = rule(/^[A-Za-z0-9._-]+$/, 1, 64);
export const checkGroupName = rule(/^[A-Za-z0-9._-]+$/, 1, 64);
export const checkRoleName = rule(/^[A-Za-z0-9.-]+$/, 1, 64);
export const checkPolicyName = rule(/^[A-Za-z0-9-]+$/, 1, 128);
export const checkMfaDeviceName = rule(/^[A-Za-z0-9.-]+$/, 1, 64);

/** Account alias: lowercase letters, digits, hyphens; 3–32 chars; no leading, trailing or double hyphen. */
export function checkAccountAlias(alias: string): string | null {
  if (alias.length < 3 || alias.length > 32) return 'must be 3 to 32 characters long';
  if (!/^[a-z0-9-]+$/.test(alias)) return 'may contain only lowercase letters, digits and hyphens';
  if (alias.startsWith('-') || alias.endsWith('-')) return 'must not start or end with a hyphen';
  if (alias.includes('--')) return 'must not contain two hyphens in a row';
  return null;
}

export const DEFAULT_DOMAIN_SUFFIX = '.onaliyun.com';

export function defaultDomain(accountId: string, alias: string | null): string {
  return `${alias ?? accountId}${DEFAULT_DOMAIN_SUFFIX}`;
}
