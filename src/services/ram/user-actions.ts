import type { ActionDef } from '../action.js';
import type { AppServices } from '../app-services.js';
import { imsUserActions } from '../ims/index.js';
import { accessKeyActions } from './access-keys.js';
import { accountSettingsActions } from './account-settings.js';
import { loginProfileActions } from './login-profiles.js';
import { mfaActions } from './mfa.js';
import { userActions } from './users.js';

/**
 * The user area of RAM 2015-05-01 (users, login profiles, AccessKeys, virtual MFA, account settings)
 * and its IMS 2019-08-15 counterparts, which share the same handlers.
 */
export const ramUserActions: ActionDef<AppServices>[] = [
  ...userActions,
  ...loginProfileActions,
  ...accessKeyActions,
  ...mfaActions,
  ...accountSettingsActions,
  ...imsUserActions,
];
