export type { AuditDraft, AuditSink } from './sink.js';
export { StoreAuditSink } from './recorder.js';
export { buildEvent, redactParams, trailsOf, type AuditEvent, type UserIdentity } from './event.js';
