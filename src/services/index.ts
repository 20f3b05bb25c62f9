import type { ActionDef } from './action.js';
import { getCallerIdentity } from './sts/get-caller-identity.js';

/** Every action ramstack serves. The gateway, console, audit and docs read this one list. */
export const allActions: ReadonlyArray<ActionDef<any>> = [getCallerIdentity];
