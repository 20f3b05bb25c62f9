import { def } from './api-error.js';

/** Errors of the arms domain (see api-facts). Add entries here; catalogue.ts merges this table. */
export const armsErrors = {
} as const;
void def;
