import { def } from './api-error.js';

/** Errors of the ram domain (see api-facts). Add entries here; catalogue.ts merges this table. */
export const ramErrors = {
} as const;
void def;
