import type { ActionDef } from './action.js';
import { stsActions } from './sts/index.js';
import { ramUserActions } from './ram/user-actions.js';
import { ramAccessActions } from './ram/access-actions.js';
import { actiontrailActions } from './actiontrail/index.js';
import { armsActions } from './arms/index.js';

/** Every action ramstack serves. The gateway, console, audit and docs read this one list. */
export const allActions: ReadonlyArray<ActionDef<any>> = [...stsActions, ...ramUserActions, ...ramAccessActions, ...actiontrailActions, ...armsActions];
