import { randomUUID } from 'node:crypto';
import { PRODUCTS } from '../services/catalogue.js';
import type { Caller } from '../services/action.js';
import { isoSeconds } from '../identity/time.js';
import { roleArn } from '../identity/arn.js';
import type { AuditDraft } from './sink.js';
import { describeResource, type ResourceRef } from './resources.js';

/**
 * An audit event in the shape of ActionTrail's events (eventName, userIdentity, requestParameters,
 * errorCode, …). Secrets never enter it: declared secret parameters and every parameter whose name
 * says it is a secret are replaced before the event exists.
 */
export interface AuditEvent {
  eventId: string;
  eventVersion: '1';
  eventTime: string;
  eventType: 'ApiCall' | 'ConsoleOperation';
  eventSource: string;
  serviceName: string;
  eventName: string;
  apiVersion: string;
  eventRW: 'Read' | 'Write';
  requestId: string;
  sourceIpAddress: string;
  userAgent: string;
  isHttps: boolean;
  userIdentity: UserIdentity;
  /** ActionTrail style: the resources' short names and types, `;`-separated when there are several. */
  resourceName?: string;
  resourceType?: string;
  /** The ARNs the action was authorized on. */
  resources: string[];
  requestParameters: Record<string, string>;
  errorCode?: string;
  errorMessage?: string;
  accessDeniedDetail?: unknown;
  /** The account the action acted in (the role owner for sessions). */
  recipientAccountId: string;
}

export interface UserIdentity {
  type: 'root-account' | 'ram-user' | 'assumed-role';
  accountId: string;
  principalId: string;
  arn: string;
  userName?: string;
  accessKeyId?: string;
  sessionContext?: {
    sessionIssuer: { type: 'role'; principalId: string; arn: string; userName: string; accountId: string };
    sessionName: string;
    sourceIdentity?: string;
    mfaAuthenticated: boolean;
    creationDate: string;
    /** Who assumed the role (a user or, when chaining, a session), and the first human principal of the chain. */
    callerArn: string;
    callerAccountId: string;
    originArn?: string;
    originAccountId?: string;
  };
}

const REDACTED = '[redacted]';
/** Names that are secret wherever they appear, whether or not an action declares them. */
const SECRET_NAME = /password|secret|securitytoken|signature|authenticationcode|tokencode|seed|privatekey/i;
/**
 * Error messages that quote the request: the V1 string to sign holds every parameter (passwords) and
 * the SecurityToken. The caller needs it to debug a signature; the trail only needs the code.
 */
const QUOTES_REQUEST = /\s*server string to sign is:[\s\S]*$/;

export function redactParams(params: Readonly<Record<string, string | undefined>>, declaredSecrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    out[name] = declaredSecrets.includes(name) || SECRET_NAME.test(name) ? REDACTED : value;
  }
  return out;
}

/**
 * Callers come from the credential caches, so the same caller object signs many requests: its
 * identity block is built once and shared by its events (they are serialized, never mutated).
 */
const identities = new WeakMap<Caller, UserIdentity>();

export function userIdentityOf(caller: Caller): UserIdentity {
  let identity = identities.get(caller);
  if (!identity) {
    identity = identityBlock(caller);
    identities.set(caller, identity);
  }
  return identity;
}

function identityBlock(caller: Caller): UserIdentity {
  switch (caller.kind) {
    case 'root':
      return { type: 'root-account', accountId: caller.accountId, principalId: caller.accountId, arn: caller.arn, ...(caller.accessKeyId ? { accessKeyId: caller.accessKeyId } : {}) };
    case 'user':
      return { type: 'ram-user', accountId: caller.accountId, principalId: caller.userId, arn: caller.arn, userName: caller.userName, ...(caller.accessKeyId ? { accessKeyId: caller.accessKeyId } : {}) };
    case 'session': {
      const c = caller.claims;
      return {
        type: 'assumed-role',
        accountId: caller.accountId,
        principalId: `${caller.roleId}:${caller.sessionName}`,
        arn: caller.arn,
        userName: `${caller.roleName}:${caller.sessionName}`,
        accessKeyId: caller.accessKeyId,
        sessionContext: {
          sessionIssuer: { type: 'role', principalId: caller.roleId, arn: roleArn(caller.accountId, caller.roleName), userName: caller.roleName, accountId: caller.accountId },
          sessionName: caller.sessionName,
          ...(c.sourceIdentity ? { sourceIdentity: c.sourceIdentity } : {}),
          mfaAuthenticated: c.mfaPresent,
          creationDate: isoSeconds(c.issuedAt * 1000),
          callerArn: c.callerArn,
          callerAccountId: c.callerAccountId,
          ...(c.originArn ? { originArn: c.originArn } : {}),
          ...(c.originAccountId ? { originAccountId: c.originAccountId } : {}),
        },
      };
    }
  }
}

export function buildEvent(draft: AuditDraft): AuditEvent | undefined {
  if (!draft.caller) return undefined;
  const result = draft.result;
  const described = draft.resources.map(describeResource).filter((r): r is ResourceRef => r !== undefined);
  return {
    eventId: timeOrderedId(draft.time),
    eventVersion: '1',
    eventTime: isoSeconds(draft.time),
    eventType: draft.channel === 'console' ? 'ConsoleOperation' : 'ApiCall',
    eventSource: PRODUCTS[draft.action.version]?.hostId ?? 'ram.aliyuncs.com',
    serviceName: draft.action.product,
    eventName: draft.action.name,
    apiVersion: draft.action.version,
    eventRW: draft.action.access === 'write' ? 'Write' : 'Read',
    requestId: draft.requestId,
    sourceIpAddress: draft.request.sourceIp,
    userAgent: draft.request.userAgent,
    isHttps: draft.request.secure,
    userIdentity: userIdentityOf(draft.caller),
    ...(described.length > 0 ? { resourceName: described.map((r) => r.name).join(';'), resourceType: described.map((r) => r.type).join(';') } : {}),
    resources: [...draft.resources],
    requestParameters: redactParams(draft.params, draft.secretParams),
    ...(result.code !== 'Success' && 'message' in result
      ? { errorCode: result.code, errorMessage: result.message.replace(QUOTES_REQUEST, ''), ...(result.accessDeniedDetail ? { accessDeniedDetail: result.accessDeniedDetail } : {}) }
      : {}),
    recipientAccountId: draft.caller.accountId,
  };
}

let idPrefixMs = Number.NaN;
let idPrefix = '';

/**
 * A UUIDv7 (RFC 9562): the event's millisecond first, then randomness. Trails sort by (second, ID), so
 * events of the same second still come out in the order they happened. The random part is taken from
 * randomUUID, which draws from a buffered pool: a randomBytes call per event cost more than the rest
 * of the event together. The v4 UUID's own variant bits stay; its version digit becomes 7.
 */
function timeOrderedId(ms: number): string {
  // Under load many events share a millisecond: its part of the ID is formatted once.
  if (ms !== idPrefixMs) {
    const time = ms.toString(16).padStart(12, '0');
    idPrefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
    idPrefixMs = ms;
  }
  return idPrefix + randomUUID().slice(15);
}

/**
 * The trails an event belongs to: the account acted in; the owners of the resources it names (B's
 * user assuming A's role shows in A's trail); and — for a session of a role in another account — the
 * caller's home account (and the chain's origin account), so B sees what its people did in A.
 */
export function trailsOf(event: AuditEvent): string[] {
  const trails = new Set([event.recipientAccountId]);
  for (const arn of event.resources) {
    const owner = describeResource(arn)?.accountId;
    if (owner) trails.add(owner);
  }
  const session = event.userIdentity.sessionContext;
  if (session) {
    trails.add(session.callerAccountId);
    if (session.originAccountId) trails.add(session.originAccountId);
  }
  return [...trails];
}
