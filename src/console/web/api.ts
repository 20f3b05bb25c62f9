/** The console API as the pages use it: JSON in and out, the CSRF token echoed, errors as Alibaba's envelope. */

export interface AccessDeniedDetail {
  PolicyType: string;
  NoPermissionType: 'ImplicitDeny' | 'ExplicitDeny';
  AuthAction: string;
  AuthPrincipalType: string;
  AuthPrincipalDisplayName: string;
}

export interface ErrorBody {
  Code: string;
  Message: string;
  RequestId?: string;
  AccessDeniedDetail?: AccessDeniedDetail;
}

export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.Message);
  }
}

export interface Me {
  csrfToken: string;
  pending: Array<'mfa' | 'change-password' | 'bind-mfa'>;
  account: { accountId: string; alias: string | null; defaultDomain: string };
  identity: { kind: 'root'; accountId: string } | { kind: 'user'; accountId: string; userName: string; logonName: string };
  actingAs?: { kind: 'root' | 'user' | 'session'; accountId: string; arn: string };
  role?: { roleName: string; accountId: string; accountLabel: string; arn: string; expiresAt: string };
  recentRoles: Array<{ account: string; role: string }>;
}

export const RAM = '2015-05-01';
export const ARMS = '2019-08-08';
export const ACTIONTRAIL = '2020-07-06';

function csrfToken(): string {
  const match = /(?:^|;\s*)ramstack_csrf=([^;]*)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1] ?? '') : '';
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`/console/api${path}`, {
    method,
    credentials: 'same-origin',
    headers: method === 'POST' ? { 'content-type': 'application/json', 'x-csrf-token': csrfToken(), ...headers } : headers,
    ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
  });
  const json = (await response.json()) as unknown;
  if (!response.ok) throw new ConsoleApiError(response.status, json as ErrorBody);
  return json as T;
}

export const getMe = () => request<Me>('GET', '/me');
export const post = <T = Me>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body, headers);

/** Runs a catalogue action as the identity the console acts as. */
export const action = <T = Record<string, any>>(version: string, name: string, params: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  request<T>('POST', `/actions/${version}/${name}`, params, headers);
export const ram = <T = Record<string, any>>(name: string, params: Record<string, unknown> = {}) => action<T>(RAM, name, params);
