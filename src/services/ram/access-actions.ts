import type { ActionDef } from '../action.js';
import { attachmentActionList } from './attachments.js';
import { decodeDiagnosticMessage } from './diagnostics.js';
import { groupActions } from './groups.js';
import { policyActions } from './policies.js';
import { policyVersionActions } from './policy-versions.js';
import { roleActions } from './roles.js';

/** RAM groups, roles, policies, attachments and diagnostics: the access side of RAM. */
export const ramAccessActions: ActionDef<any>[] = [
  ...groupActions,
  ...roleActions,
  ...policyActions,
  ...policyVersionActions,
  ...attachmentActionList,
  decodeDiagnosticMessage,
];
