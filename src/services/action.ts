import type { Transaction } from 'kysely';
import type { Database, Store } from '../store/store.js';
import type { SessionClaims } from '../tokens/index.js';

/**
 * An API action, declared once. The gateway routes and authorizes with it, the console calls it,
 * the audit trail names it and docs/api-coverage.md is generated from it.
 */
export type Product = 'Sts' | 'Ram' | 'Ims' | 'ARMS' | 'Actiontrail';

export interface ParamSpec {
  type: 'string' | 'integer' | 'boolean' | 'json' | 'list';
  required?: boolean;
  /** Never stored in the audit trail or logs (passwords, codes). */
  secret?: boolean;
  description?: string;
}

/** Who is calling, once authenticated. */
export type Caller =
  | { kind: 'root'; accountId: string; arn: string; accessKeyId: string | null }
  /** mfaPresent: known only for console logons (an AccessKey call carries no MFA, so the key stays absent). */
  | { kind: 'user'; accountId: string; arn: string; accessKeyId: string | null; userId: string; userName: string; mfaPresent?: boolean }
  | {
      kind: 'session';
      accountId: string; // the role owner: the account the session acts in
      arn: string; // acs:ram::<A>:assumed-role/<role>/<session>
      accessKeyId: string;
      roleId: string;
      roleName: string;
      sessionName: string;
      claims: SessionClaims;
    };

export type Params = Readonly<Record<string, string | undefined>>;

export interface RequestInfo {
  requestId: string;
  sourceIp: string;
  secure: boolean;
  userAgent: string;
  /** Epoch ms; injectable for tests. */
  now: number;
}

export interface ActionContext<S = unknown> {
  params: Params;
  caller: Caller;
  request: RequestInfo;
  /** For reads. Writes go through transaction(). */
  store: Store;
  /**
   * Runs a write in one transaction; the gateway records the action's audit event in that same
   * transaction, so a change never exists without its event.
   */
  transaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /**
   * Requires a second permission beyond the action's own (e.g. CreatePolicyVersion with
   * SetAsDefault=true also needs ram:SetDefaultPolicyVersion); throws NoPermission when denied.
   */
  authorizeAlso(ramAction: string, resources: string[]): Promise<void>;
  /** The services this product's handlers need (see server.ts). */
  services: S;
}

export interface ActionDef<S = unknown> {
  product: Product;
  version: string;
  name: string;
  /** The RAM action a policy must allow, e.g. `ram:CreateUser`. */
  ramAction: string;
  /** 'read' actions change nothing (used by the console and docs). */
  access: 'read' | 'write';
  params: Readonly<Record<string, ParamSpec>>;
  /**
   * How the gateway authorizes the call: 'policy' evaluates ramAction on resources(); 'authenticated'
   * admits any authenticated caller (GetCallerIdentity); 'handler' leaves the decision to the handler
   * (AssumeRole needs two accounts' policies).
   */
  authorization: 'policy' | 'authenticated' | 'handler';
  /** The resource ARNs to authorize (every one must be allowed). */
  resources(params: Params, caller: Caller): string[];
  handler(ctx: ActionContext<S>): Promise<Record<string, unknown>>;
}
