import { def } from './api-error.js';

/** Errors of RAM/IMS users, login profiles, AccessKeys, MFA and account settings. catalogue.ts merges this table. */
export const ramUserErrors = {
} as const;
void def;
