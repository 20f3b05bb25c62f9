import { ConsoleApiError } from './api';

/**
 * An error in words a person understands. A denial says which action on which resource was refused
 * and why, from the Message (which names the resource) and the AccessDeniedDetail.
 */
const WHY: Record<string, string> = {
  AccountLevelIdentityBasedPolicy: 'of the policies attached to you',
  AssumeRolePolicy: "of the role's trust policy",
  SessionPolicy: 'of the session policy',
  ControlPolicy: 'of a control policy',
};

export function explain(err: unknown): string {
  if (!(err instanceof ConsoleApiError)) return err instanceof Error ? err.message : String(err);
  const { Code, Message, AccessDeniedDetail: detail } = err.body;
  if (!detail) return `${Message} (${Code})`;
  const resource = /Resource: (\S+)/.exec(Message)?.[1];
  const holder = detail.AuthPrincipalType === 'AssumedRoleUser' ? 'of the policies attached to the role you act as' : undefined;
  const source = (detail.PolicyType === 'AccountLevelIdentityBasedPolicy' && holder) || WHY[detail.PolicyType] || `of the ${detail.PolicyType}`;
  const reason =
    detail.NoPermissionType === 'ExplicitDeny'
      ? `a statement ${source} explicitly denies it (an explicit Deny always wins)`
      : `none ${source} allows it, so it is denied by default (implicit deny)`;
  return `Access denied: ${detail.AuthPrincipalDisplayName} may not perform ${detail.AuthAction}${resource ? ` on ${resource}` : ''} because ${reason}.`;
}
