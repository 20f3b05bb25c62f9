import { randomBytes } from 'node:crypto';
import { Sealer } from '../secrets/sealer.js';

/**
 * The console session lives entirely in one cookie, sealed with AES-256-GCM under a key derived from
 * the master key: any node of a cluster opens it, no session table exists, and the browser can neither
 * read nor alter it. What is inside decides who the console acts as.
 */

/** Who logged on. A role assumed through Switch Role is kept beside it, never instead of it. */
export type LogonIdentity = { kind: 'root'; accountId: string } | { kind: 'user'; accountId: string; userId: string; userName: string; mfa?: true };

/** The logon steps still to do, in order; an empty list is a usable session. */
export type PendingStep = 'mfa' | 'change-password' | 'bind-mfa';

/** The STS credentials of Switch Role; the secret is not kept: resolving a caller needs only key and token. */
export interface AssumedRole {
  accessKeyId: string;
  securityToken: string;
  expiresAt: number;
  roleName: string;
  accountId: string;
  /** What the user typed for the account (alias, default domain or ID), shown in the banner. */
  accountLabel: string;
}

export interface RecentRole {
  account: string;
  role: string;
}

export interface ConsoleSession {
  identity: LogonIdentity;
  pending: PendingStep[];
  csrf: string;
  expiresAt: number;
  role?: AssumedRole;
  recentRoles: RecentRole[];
  /** The seed offered for a forced MFA binding, until the user confirms it. */
  mfaSeed?: string;
  /** A verification code sent to the account owner for a sensitive operation. */
  verification?: { code: string; expiresAt: number };
}

export const SESSION_COOKIE = 'ramstack_console';
export const CSRF_COOKIE = 'ramstack_csrf';
const PURPOSE = 'console-session';

export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

export class SessionCodec {
  private readonly sealer: Sealer;

  constructor(key: Buffer) {
    this.sealer = new Sealer({ id: 'console', key });
  }

  seal(session: ConsoleSession): string {
    return this.sealer.seal(JSON.stringify(session), PURPOSE);
  }

  /** The session in the cookie, or null when it is absent, forged, sealed under another key or expired. */
  open(cookie: string | undefined, now: number): ConsoleSession | null {
    if (!cookie) return null;
    try {
      const session = JSON.parse(this.sealer.open(cookie, PURPOSE)) as ConsoleSession;
      return session.expiresAt > now ? session : null;
    } catch {
      return null;
    }
  }
}
