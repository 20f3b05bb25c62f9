import type { ActionDef } from '../action.js';
import type { AppServices } from '../app-services.js';
import { imsAccessKeys } from './access-keys.js';
import { imsLoginProfiles } from './login-profiles.js';
import { imsUsers } from './users.js';

/** IMS 2019-08-15 user, login-profile and AccessKey actions (registered with the RAM user area). */
export const imsUserActions: ActionDef<AppServices>[] = [...imsUsers, ...imsLoginProfiles, ...imsAccessKeys];
