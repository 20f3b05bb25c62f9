import { apiError } from '../../errors/catalogue.js';
import type { ActionDef } from '../action.js';
import type { AppServices } from '../app-services.js';
import {
  changePasswordParams, createLoginProfile, getLoginProfile, loginProfileActions, readLoginProfileChange, updateLoginProfile,
  type LoginProfileRow,
} from '../ram/login-profiles.js';
import { declareAction } from '../ram/common.js';
import { optional, resolveUser, userResource, type Ctx, type UserRow } from '../ram/users.js';
import { checkPrincipalDomain, principalName, requiredPrincipalUserName } from './principal-name.js';
import { viaRam } from './via-ram.js';

/**
 * IMS login profiles: RAM's operations with IMS's shape (UserPrincipalName, Status, UpdateDate).
 * ramstack has no disabled login profiles, so Status is always Active and only Active is accepted.
 */
function view(user: UserRow, domain: string, row: LoginProfileRow): Record<string, unknown> {
  return {
    LoginProfile: {
      UserPrincipalName: principalName(user.user_name, domain),
      PasswordResetRequired: row.password_reset_required === 1,
      MFABindRequired: row.mfa_bind_required === 1,
      Status: 'Active',
      UpdateDate: row.updated_at,
    },
  };
}

function checkStatus(ctx: Ctx): void {
  const status = optional(ctx.params, 'Status');
  if (status !== undefined && status !== 'Active') throw apiError('InvalidParameter', 'Status');
}

const upnParam = { UserPrincipalName: { type: 'string', required: true } } as const;
const changeParams = {
  ...upnParam,
  Password: { type: 'string', secret: true },
  PasswordResetRequired: { type: 'boolean' },
  MFABindRequired: { type: 'boolean' },
  Status: { type: 'string' },
} as const;

function onProfile(name: string, access: 'read' | 'write', params: ActionDef['params'], run: (ctx: Ctx, user: UserRow) => Promise<LoginProfileRow>) {
  return declareAction('Ims', name, {
    access,
    params,
    resources: (p, caller) => [userResource(caller.accountId, requiredPrincipalUserName(p))],
    handler: async (ctx) => {
      checkStatus(ctx);
      const domain = await checkPrincipalDomain(ctx, 'UserPrincipalName');
      const user = await resolveUser(ctx, `ram:${name}`, requiredPrincipalUserName(ctx.params));
      return view(user, domain, await run(ctx, user));
    },
  });
}

export const imsLoginProfiles: ActionDef<AppServices>[] = [
  onProfile('CreateLoginProfile', 'write', { ...changeParams, Password: { type: 'string', required: true, secret: true } }, (ctx, user) =>
    createLoginProfile(ctx, user, readLoginProfileChange(ctx.params))),
  onProfile('GetLoginProfile', 'read', upnParam, getLoginProfile),
  onProfile('UpdateLoginProfile', 'write', changeParams, (ctx, user) => updateLoginProfile(ctx, user, readLoginProfileChange(ctx.params))),
  viaRam(loginProfileActions, 'DeleteLoginProfile', upnParam),
  viaRam(loginProfileActions, 'ChangePassword', changePasswordParams),
];
