import { Buffer } from 'node:buffer';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { AccessDeniedDetail } from '../errors/api-error.js';
import type { Decision, Principal, RequestContext } from './types.js';

/** The RAM DecodeDiagnosticMessage response body's `DecodedDiagnosticMessage` (api-facts §2.12). */
export interface DecodedDiagnosticMessage {
  ExplicitDeny: boolean;
  NoPermissionPolicyType: string;
  AuthAction: string;
  AuthResource: string;
  AuthPrincipal: {
    AuthPrincipalType: string;
    AuthPrincipalOwnerId: string;
    AuthPrincipalDisplayName: string;
  };
  AuthConditions: Array<{ ConditionKey: string; ConditionValues: string[] }>;
  MatchedPolicies: Array<{
    Effect: 'Allow' | 'Deny';
    PolicyIdentifier: string;
    PolicyType: string;
    PolicyVersion: string;
    AttachedEntityType?: string;
    AttachedScope: 'Account';
  }>;
}

/** Why a message could not be decoded; the RAM handler maps it to its error code. */
export class DiagnosticMessageError extends Error {
  constructor(readonly reason: 'malformed' | 'expired') {
    super(reason === 'expired' ? 'The encoded diagnostic message has expired.' : 'The encoded diagnostic message is not valid.');
    this.name = 'DiagnosticMessageError';
  }
}

// Sealed layout: version byte | 12-byte IV | AES-256-GCM ciphertext | 16-byte tag, base64url.
// The payload is opaque to the caller; only a holder of the key (RAM DecodeDiagnosticMessage) reads it.
const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD = Buffer.from('ramstack:diagnostic:v1');

interface SealedPayload {
  issuedAt: number;
  message: DecodedDiagnosticMessage;
}

function requireKey(key: Buffer): Buffer {
  if (key.length !== 32) throw new Error('the diagnostic key must be 32 bytes');
  return key;
}

function seal(payload: SealedPayload, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', requireKey(key), iv);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(FORMAT_VERSION), iv, body, cipher.getAuthTag()]).toString('base64url');
}

function open(encoded: string, key: Buffer): SealedPayload {
  const raw = Buffer.from(encoded, 'base64url');
  if (raw.length < 1 + IV_BYTES + TAG_BYTES || raw[0] !== FORMAT_VERSION) throw new DiagnosticMessageError('malformed');
  const decipher = createDecipheriv('aes-256-gcm', requireKey(key), raw.subarray(1, 1 + IV_BYTES));
  decipher.setAAD(AAD);
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  try {
    const body = Buffer.concat([decipher.update(raw.subarray(1 + IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
    return JSON.parse(body.toString('utf8')) as SealedPayload;
  } catch {
    throw new DiagnosticMessageError('malformed');
  }
}

function authConditions(context: RequestContext): DecodedDiagnosticMessage['AuthConditions'] {
  return Object.entries(context)
    .filter((entry): entry is [string, string | string[]] => entry[1] !== undefined)
    .map(([key, value]) => ({ ConditionKey: key, ConditionValues: typeof value === 'string' ? [value] : value }));
}

function diagnosticMessage(decision: Decision, principal: Principal, context: RequestContext): DecodedDiagnosticMessage {
  return {
    ExplicitDeny: decision.type === 'ExplicitDeny',
    NoPermissionPolicyType: decision.policyType,
    AuthAction: decision.action,
    AuthResource: decision.resource ?? '',
    AuthPrincipal: {
      AuthPrincipalType: principal.type,
      AuthPrincipalOwnerId: principal.accountId,
      AuthPrincipalDisplayName: principal.displayName,
    },
    AuthConditions: authConditions(context),
    MatchedPolicies: decision.matched.map((m) => ({
      Effect: m.effect,
      PolicyIdentifier: m.policy.name,
      PolicyType: m.policy.type,
      PolicyVersion: m.policy.version,
      AttachedEntityType: m.policy.attachedTo,
      AttachedScope: 'Account',
    })),
  };
}

/**
 * Alibaba's AccessDeniedDetail for a denial (api-facts §5.1), with the full diagnosis sealed into
 * EncodedDiagnosticMessage. `context` (the request's condition keys) goes into the sealed message only.
 */
export function accessDeniedDetail(decision: Decision, principal: Principal, diagnosticKey: Buffer, context: RequestContext = {}): AccessDeniedDetail {
  if (decision.type === 'Allow') throw new Error('accessDeniedDetail needs a denial');
  return {
    PolicyType: decision.policyType,
    NoPermissionType: decision.type,
    AuthAction: decision.action,
    AuthPrincipalType: principal.type,
    AuthPrincipalOwnerId: principal.accountId,
    AuthPrincipalDisplayName: principal.displayName,
    EncodedDiagnosticMessage: seal({ issuedAt: Date.now(), message: diagnosticMessage(decision, principal, context) }, diagnosticKey),
  };
}

export interface DecodeOptions {
  /** Refuse messages older than this (RAM's EncodedMessageExpire); no limit when absent. */
  maxAgeMs?: number;
  now?: number;
}

/**
 * Opens an EncodedDiagnosticMessage. Throws DiagnosticMessageError when it was tampered with, sealed
 * under another key, or is older than `maxAgeMs`. Callers should also check that the decoding
 * principal belongs to `AuthPrincipal.AuthPrincipalOwnerId`'s account.
 */
export function decodeDiagnosticMessage(encoded: string, diagnosticKey: Buffer, options: DecodeOptions = {}): DecodedDiagnosticMessage {
  const payload = open(encoded, diagnosticKey);
  if (options.maxAgeMs !== undefined && (options.now ?? Date.now()) - payload.issuedAt > options.maxAgeMs) {
    throw new DiagnosticMessageError('expired');
  }
  return payload.message;
}
