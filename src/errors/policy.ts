import { def } from './api-error.js';

/** Errors of the policy domain (see api-facts). Add entries here; catalogue.ts merges this table. */
export const policyErrors = {
} as const;
void def;
