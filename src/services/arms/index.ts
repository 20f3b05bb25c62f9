import type { ActionDef } from '../action.js';
import { alertContactActions } from './alert-contacts.js';
import { contactActions } from './contacts.js';
import { createRetcodeApp } from './retcode-apps.js';
import { traceAppActions } from './trace-apps.js';

/** ARMS 2019-08-08: the trace-app and alert-contact APIs of api-facts §6 (docs/arms.md). */
export const armsActions: ActionDef<any>[] = [...traceAppActions, createRetcodeApp, ...contactActions, ...alertContactActions];
