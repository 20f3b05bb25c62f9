import { def } from './api-error.js';

/** Errors of the sts domain (see api-facts). Add entries here; catalogue.ts merges this table. */
export const stsErrors = {
} as const;
void def;
