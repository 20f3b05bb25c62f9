import type { ActionDef, Caller } from '../action.js';

/** GetCallerIdentity response fields for each kind of caller (api-facts §1.5). */
export function callerIdentity(caller: Caller): Record<string, string> {
  switch (caller.kind) {
    case 'root':
      return { IdentityType: 'Account', AccountId: caller.accountId, PrincipalId: caller.accountId, UserId: caller.accountId, Arn: caller.arn };
    case 'user':
      return { IdentityType: 'RAMUser', AccountId: caller.accountId, PrincipalId: caller.userId, UserId: caller.userId, Arn: caller.arn };
    case 'session':
      return {
        IdentityType: 'AssumedRoleUser',
        AccountId: caller.accountId,
        PrincipalId: `${caller.roleId}:${caller.sessionName}`,
        RoleId: caller.roleId,
        Arn: caller.arn,
      };
  }
}

/** Any authenticated caller may ask who it is; Alibaba publishes no RAM action for it (api-facts §1.1). */
export const getCallerIdentity: ActionDef = {
  product: 'Sts',
  version: '2015-04-01',
  name: 'GetCallerIdentity',
  ramAction: 'sts:GetCallerIdentity',
  access: 'read',
  params: {},
  authorization: 'authenticated',
  resources: () => ['*'],
  handler: async ({ caller }) => callerIdentity(caller),
};
