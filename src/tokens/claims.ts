/**
 * What a temporary credential asserts, and its compact binary encoding (the plaintext inside the
 * SecurityToken). Binary rather than JSON keeps tokens short and decoding allocation-light; the
 * token format's version marker covers any future change of this layout.
 */
export interface SessionClaims {
  /** Not part of the encoding: it travels in the token's authenticated header (see seal.ts). */
  accessKeyId: string;
  /** The role owner: the account the session acts in. */
  roleAccountId: string;
  roleId: string;
  roleName: string;
  sessionName: string;
  /** The principal that called AssumeRole (a user, or an assumed-role session when chaining). */
  callerArn: string;
  callerAccountId: string;
  callerType: 'user' | 'role';
  /** For a role caller `<roleId>:<session>`, as GetCallerIdentity prints it. */
  callerPrincipalId: string;
  sourceIdentity?: string;
  /** The session policy's JSON text, as given to AssumeRole. */
  sessionPolicy?: string;
  /** Always present once issued: `acs:MFAPresent` needs a definite answer. */
  mfaPresent: boolean;
  /** Epoch seconds. */
  issuedAt: number;
  /** Epoch seconds. */
  expiresAt: number;
  /** The first (human) principal of a role chain, for audit. */
  originArn?: string;
  originAccountId?: string;
}

/** The string claims, in their encoding order. */
export const REQUIRED_STRING_CLAIMS = ['roleAccountId', 'roleId', 'roleName', 'sessionName', 'callerArn', 'callerAccountId', 'callerPrincipalId'] as const;
export const OPTIONAL_STRING_CLAIMS = ['sourceIdentity', 'sessionPolicy', 'originArn', 'originAccountId'] as const;

const FLAG_ROLE_CALLER = 1;
const FLAG_MFA = 2;
/** Bit of OPTIONAL_STRING_CLAIMS[i] is FLAG_FIRST_OPTIONAL << i. */
const FLAG_FIRST_OPTIONAL = 4;
const KNOWN_FLAGS = FLAG_ROLE_CALLER | FLAG_MFA | (((1 << OPTIONAL_STRING_CLAIMS.length) - 1) * FLAG_FIRST_OPTIONAL);

/** flags u8, issuedAt u32, expiresAt u32. */
const FIXED_BYTES = 9;
const MAX_STRING_BYTES = 0xffff;

function checkSeconds(name: string, v: number): void {
  // u32 epoch seconds last until 2106.
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`${name} is not a u32 epoch second: ${v}`);
}

/**
 * Layout: flags, issuedAt, expiresAt, then each required string claim and each present optional one
 * as u16 byte length + UTF-8. Throws RangeError on values the layout cannot hold (caller bugs).
 */
export function encodeClaims(c: SessionClaims): Buffer {
  checkSeconds('issuedAt', c.issuedAt);
  checkSeconds('expiresAt', c.expiresAt);
  let flags = (c.callerType === 'role' ? FLAG_ROLE_CALLER : 0) | (c.mfaPresent ? FLAG_MFA : 0);
  const strings: string[] = REQUIRED_STRING_CLAIMS.map((f) => c[f]);
  OPTIONAL_STRING_CLAIMS.forEach((f, i) => {
    const v = c[f];
    if (v === undefined) return;
    flags |= FLAG_FIRST_OPTIONAL << i;
    strings.push(v);
  });

  let size = FIXED_BYTES;
  const lengths = strings.map((s) => {
    const n = Buffer.byteLength(s, 'utf8');
    if (n > MAX_STRING_BYTES) throw new RangeError(`claim of ${n} bytes exceeds ${MAX_STRING_BYTES}`);
    size += 2 + n;
    return n;
  });

  const buf = Buffer.allocUnsafe(size);
  buf.writeUInt8(flags, 0);
  buf.writeUInt32BE(c.issuedAt, 1);
  buf.writeUInt32BE(c.expiresAt, 5);
  let p = FIXED_BYTES;
  strings.forEach((s, i) => {
    p = buf.writeUInt16BE(lengths[i]!, p);
    p += buf.write(s, p, 'utf8');
  });
  return buf;
}

/**
 * Inverse of encodeClaims; `undefined` for any input it did not produce. The plaintext is already
 * authenticated when this runs, so a failure here means a key compromise or a format bug, but the
 * decoder stays total anyway: it must never throw on a request path.
 */
export function decodeClaims(buf: Buffer, accessKeyId: string): SessionClaims | undefined {
  if (buf.length < FIXED_BYTES) return undefined;
  const flags = buf[0]!;
  if ((flags & ~KNOWN_FLAGS) !== 0) return undefined;
  let p = FIXED_BYTES;
  const next = (): string | undefined => {
    if (p + 2 > buf.length) return undefined;
    const end = p + 2 + buf.readUInt16BE(p);
    if (end > buf.length) return undefined;
    const s = buf.toString('utf8', p + 2, end);
    p = end;
    return s;
  };

  const claims: Partial<SessionClaims> & Record<string, unknown> = {
    accessKeyId,
    callerType: flags & FLAG_ROLE_CALLER ? 'role' : 'user',
    mfaPresent: (flags & FLAG_MFA) !== 0,
    issuedAt: buf.readUInt32BE(1),
    expiresAt: buf.readUInt32BE(5),
  };
  for (const f of REQUIRED_STRING_CLAIMS) {
    const v = next();
    if (v === undefined) return undefined;
    claims[f] = v;
  }
  for (let i = 0; i < OPTIONAL_STRING_CLAIMS.length; i++) {
    if ((flags & (FLAG_FIRST_OPTIONAL << i)) === 0) continue;
    const v = next();
    if (v === undefined) return undefined;
    claims[OPTIONAL_STRING_CLAIMS[i]!] = v;
  }
  return p === buf.length ? (claims as SessionClaims) : undefined;
}
