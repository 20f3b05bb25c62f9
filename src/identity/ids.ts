import { randomBytes, randomInt } from 'node:crypto';

/**
 * Generators for the identifiers Alibaba shows: numeric account, user and role IDs as strings (they
 * exceed 2^53, so never numbers), `LTAI` AccessKey IDs and 30-character secrets.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlnum(length: number): string {
  // Rejection sampling over bytes keeps every character equally likely (62 does not divide 256).
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALNUM[byte % 62];
    }
  }
  return out;
}

function randomDigits(length: number): string {
  let out = String(randomInt(1, 10));
  while (out.length < length) out += String(randomInt(0, 10));
  return out;
}

export const newAccountId = (): string => randomDigits(16);
export const newUserId = (): string => randomDigits(16);
export const newRoleId = (): string => randomDigits(18);
export const newGroupId = (): string => `g-${randomAlnum(20).toLowerCase()}`;
export const newAccessKeyId = (): string => `LTAI${randomAlnum(20)}`;
export const newAccessKeySecret = (): string => randomAlnum(30);
