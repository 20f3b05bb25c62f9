import type { ActionDef } from '../action.js';
import type { AppServices } from '../app-services.js';
import { accessKeyActions } from '../ram/access-keys.js';
import { viaRam } from './via-ram.js';

/** IMS AccessKey actions: RAM's, with the user (or, without one, the caller) named by UserPrincipalName. */
const upnParam = { UserPrincipalName: { type: 'string' } } as const;
const keyParams = { ...upnParam, UserAccessKeyId: { type: 'string', required: true } } as const;

export const imsAccessKeys: ActionDef<AppServices>[] = [
  viaRam(accessKeyActions, 'CreateAccessKey', upnParam),
  viaRam(accessKeyActions, 'ListAccessKeys', upnParam),
  viaRam(accessKeyActions, 'UpdateAccessKey', { ...keyParams, Status: { type: 'string', required: true } }),
  viaRam(accessKeyActions, 'DeleteAccessKey', keyParams),
  viaRam(accessKeyActions, 'GetAccessKeyLastUsed', keyParams),
];
