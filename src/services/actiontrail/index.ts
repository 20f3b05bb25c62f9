import type { ActionDef } from '../action.js';
import { lookupEvents } from './lookup-events.js';

/**
 * ActionTrail 2020-07-06: reads only. The trail is append-only: no action edits or deletes events
 * (test/audit/append-only.test.ts holds every product to that); only the retention sweep removes them.
 */
export const actiontrailActions: ReadonlyArray<ActionDef> = [lookupEvents];
