import { expect } from 'vitest';
import { ApiError } from '../../src/errors/catalogue.js';
import type { SessionGrant } from '../../src/tokens/index.js';

/** A fixed clock: tests pass time explicitly, never sleep. 2023-11-14T22:13:20Z, epoch ms. */
export const NOW = 1_700_000_000_000;
export const HOUR_MS = 3_600_000;

/** A RAM user of account B assuming role `adminrole` of account A. */
export function grant(overrides: Partial<SessionGrant> = {}): SessionGrant {
  return {
    roleAccountId: '1234567890123456',
    roleId: '300401948379881138',
    roleName: 'adminrole',
    sessionName: 'alice',
    callerArn: 'acs:ram::2222222222222222:user/bob',
    callerAccountId: '2222222222222222',
    callerType: 'user',
    callerPrincipalId: '204070465786811111',
    durationSeconds: 3600,
    ...overrides,
  };
}

/** The documented errors verification may answer with; anything else escaping it is a bug. */
export const VERIFY_ERROR_CODES = [
  'MissingSecurityToken',
  'InvalidSecurityToken.Malformed',
  'InvalidSecurityToken.MismatchWithAccessKey',
  'InvalidSecurityToken.Expired',
] as const;

export function expectApiError(fn: () => unknown, code: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, `expected ApiError ${code}`).toBeInstanceOf(ApiError);
  expect((thrown as ApiError).code).toBe(code);
}
