import { def } from './api-error.js';

/** Errors of the audit domain (ActionTrail LookupEvents). Catalogue.ts merges this table. */
export const auditErrors = {
  'InvalidParameter.TimeRange': def(400, 'Specified EndTime is earlier than StartTime.'),
} as const;
