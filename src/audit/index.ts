export type { AuditDraft, AuditSink } from './sink.js';
export { StoreAuditSink } from './recorder.js';
export { buildEvent, redactParams, trailsOf, type AuditEvent, type UserIdentity } from './event.js';
export { queryTrail, LOOKUP_KEYS, type LookupKey, type TrailCursor, type TrailPage, type TrailQuery } from './query.js';
export { DEFAULT_RETENTION_DAYS, retentionDaysFrom, startRetentionSweeper, sweepExpiredEvents, type RetentionSweeper } from './retention.js';
