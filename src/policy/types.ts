/**
 * Public types of the policy engine. The engine is pure: it parses, compiles and evaluates policy
 * documents and never touches storage or the network.
 */

export type PolicyKind = 'identity' | 'trust' | 'session';

/** A condition block after parsing: operator -> condition key -> values (always strings). */
export type ConditionBlock = Record<string, Record<string, string[]>>;

export interface PrincipalBlock {
  RAM?: string[];
  Service?: string[];
  Federated?: string[];
}

/** One statement after parsing: every list-or-string element is normalized to a list. */
export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  Condition?: ConditionBlock;
  Principal?: PrincipalBlock;
}

/** A policy document after parsing and validation. */
export interface PolicyDocument {
  Version: '1';
  Statement: Statement[];
}

/** Where a compiled policy came from; carried into decisions so they can explain themselves. */
export interface PolicySource {
  type: 'System' | 'Custom' | 'Session' | 'AssumeRolePolicy';
  name: string;
  version: string;
  attachedTo?: 'RamUser' | 'RamGroup' | 'RamRole';
}

/** Condition keys of a request, looked up case-insensitively. `undefined` means absent. */
export type RequestContext = Record<string, string | string[] | undefined>;

export interface Principal {
  type: 'Account' | 'SubUser' | 'AssumedRoleUser';
  accountId: string;
  arn: string;
  /** User ID for RAM users, `RoleName:RoleSessionName` for assumed-role sessions. */
  displayName: string;
}

export interface AuthzRequest {
  /** `<service>:<Api>`, e.g. `ram:CreateUser`. */
  action: string;
  /** Every resource must be allowed for the request to be allowed. */
  resources: string[];
  principal: Principal;
  context: RequestContext;
}

export type PolicyType = 'AccountLevelIdentityBasedPolicy' | 'SessionPolicy' | 'AssumeRolePolicy';

export interface MatchedStatement {
  policy: PolicySource;
  statementIndex: number;
  effect: 'Allow' | 'Deny';
}

export interface Decision {
  allowed: boolean;
  type: 'Allow' | 'ImplicitDeny' | 'ExplicitDeny';
  /** The kind of policy that decided: the one that denied, or the identity policies on Allow. */
  policyType: PolicyType;
  /** Allow: the statements that allowed; ExplicitDeny: the statements that denied; else empty. */
  matched: MatchedStatement[];
  action: string;
  /** On a denial, the resource that was not allowed. */
  resource?: string;
}

export interface TrustRequest {
  principal: {
    accountId: string;
    /** `acs:ram::<id>:user/<name>` or, for an assumed-role caller, `acs:ram::<id>:role/<name>`. */
    arn: string;
    kind: 'user' | 'role';
  };
  /** `sts:ExternalId`, `acs:MFAPresent`, `acs:SourceIp`, ... */
  context: RequestContext;
  /** Defaults to `sts:AssumeRole`. */
  action?: string;
}
