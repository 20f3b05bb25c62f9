import type { ActionDef } from './action.js';
import { getCallerIdentity } from './sts/get-caller-identity.js';
import { ramUserActions } from './ram/user-actions.js';
import { ramAccessActions } from './ram/access-actions.js';

/** Every action ramstack serves. The gateway, console, audit and docs read this one list. */
export const allActions: ReadonlyArray<ActionDef<any>> = [getCallerIdentity, ...ramUserActions, ...ramAccessActions];
