import { def } from './api-error.js';

/** Errors of the audit domain (see api-facts). Add entries here; catalogue.ts merges this table. */
export const auditErrors = {
} as const;
void def;
