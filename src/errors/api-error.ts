/**
 * The one error type every part of ramstack throws for a request that must be answered with an
 * Alibaba-style error. Only the catalogue constructs it (see catalogue.ts): nobody writes a code,
 * status or message inline.
 */
export interface AccessDeniedDetail {
  PolicyType: string;
  NoPermissionType: 'ImplicitDeny' | 'ExplicitDeny';
  AuthAction: string;
  AuthPrincipalType: string;
  AuthPrincipalOwnerId: string;
  AuthPrincipalDisplayName: string;
  EncodedDiagnosticMessage: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly accessDeniedDetail?: AccessDeniedDetail,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** An error definition: HTTP status and a message built from named arguments. */
export interface ErrorDef<A extends unknown[]> {
  status: number;
  message: (...args: A) => string;
}

export function def<A extends unknown[] = []>(status: number, message: string | ((...args: A) => string)): ErrorDef<A> {
  return { status, message: typeof message === 'string' ? () => message : message };
}
