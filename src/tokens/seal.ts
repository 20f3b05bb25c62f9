import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { KeyRing, SigningKey } from './keyring.js';
import { randomView } from './random-pool.js';

/**
 * SecurityToken wire format (then standard base64):
 *
 *   magic+version (3) | keyId length (1) | keyId | AccessKeyId length (1) | AccessKeyId | IV (12) | ciphertext | GCM tag (16)
 *   \______________________ header: GCM additional data __________________________/
 *
 * The header is authenticated but not encrypted. The AccessKeyId is public anyway (every request
 * carries it), and reading it only after authentication is what lets a verifier tell "genuine token
 * of another credential" (MismatchWithAccessKey) from "forged or damaged token" (Malformed); sealed
 * inside the ciphertext it would add nothing. The key id picks the ring key; the version marker is
 * authenticated so a token cannot be replayed under another format.
 */

/** 3 bytes whose base64 is `RST1`, so every v1 token visibly starts with "RST1" (as Alibaba's start with "CAIS"). */
const MAGIC_V1 = Buffer.from('RST1', 'base64');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_ID_BYTES = 255;
/** Far above any real token (a 2048-char session policy included); bounds the work spent on garbage. */
export const MAX_TOKEN_CHARS = 16_384;

export interface OpenedToken {
  key: SigningKey;
  accessKeyId: string;
  plaintext: Buffer;
}

interface Header {
  keyId: string;
  accessKeyId: string;
  /** Offset of the IV, i.e. the header's length. */
  ivAt: number;
}

function writeId(buf: Buffer, at: number, id: string): number {
  buf.writeUInt8(id.length, at);
  return at + 1 + buf.write(id, at + 1, 'latin1');
}

function checkId(name: string, id: string): void {
  // Ids are ASCII (base62 key ids, `STS.` + base62): one byte per char keeps the header length exact.
  if (id.length === 0 || id.length > MAX_ID_BYTES || !/^[\x21-\x7e]+$/.test(id)) throw new RangeError(`bad ${name}: ${id}`);
}

/** Seals `plaintext` for `accessKeyId` under `key`; returns the base64 SecurityToken. */
export function sealToken(key: SigningKey, accessKeyId: string, plaintext: Buffer): string {
  checkId('key id', key.id);
  checkId('AccessKeyId', accessKeyId);
  const ivAt = MAGIC_V1.length + 2 + key.id.length + accessKeyId.length;
  const buf = Buffer.allocUnsafe(ivAt + IV_BYTES + plaintext.length + TAG_BYTES);
  MAGIC_V1.copy(buf, 0);
  writeId(buf, writeId(buf, MAGIC_V1.length, key.id), accessKeyId);
  randomView(IV_BYTES).copy(buf, ivAt);
  const iv = buf.subarray(ivAt, ivAt + IV_BYTES);

  const cipher = createCipheriv('aes-256-gcm', key.sealKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(buf.subarray(0, ivAt));
  let p = ivAt + IV_BYTES;
  p += cipher.update(plaintext).copy(buf, p);
  p += cipher.final().copy(buf, p);
  cipher.getAuthTag().copy(buf, p);
  return buf.toString('base64');
}

function decodeBase64(token: string): Buffer | undefined {
  if (token.length === 0 || token.length > MAX_TOKEN_CHARS) return undefined;
  const buf = Buffer.from(token, 'base64');
  // Node's decoder skips whitespace and foreign characters and accepts the URL-safe alphabet and
  // missing padding; only the canonical encoding is a token, so no two strings open the same token.
  return buf.toString('base64') === token ? buf : undefined;
}

function readHeader(buf: Buffer): Header | undefined {
  if (buf.length < MAGIC_V1.length + 2 || buf.compare(MAGIC_V1, 0, MAGIC_V1.length, 0, MAGIC_V1.length) !== 0) return undefined;
  let p = MAGIC_V1.length;
  const keyIdEnd = p + 1 + buf[p]!;
  if (keyIdEnd >= buf.length) return undefined;
  const keyId = buf.toString('latin1', p + 1, keyIdEnd);
  p = keyIdEnd;
  const ivAt = p + 1 + buf[p]!;
  if (ivAt + IV_BYTES + TAG_BYTES > buf.length) return undefined;
  return { keyId, accessKeyId: buf.toString('latin1', p + 1, ivAt), ivAt };
}

/**
 * The key id a token names, without authenticating anything: lets a node that meets an unknown
 * key id reload the ring (another node may have just rotated) before declaring the token Malformed.
 */
export function tokenKeyId(token: string): string | undefined {
  const buf = decodeBase64(token);
  return buf && readHeader(buf)?.keyId;
}

/**
 * Authenticates and decrypts a token. `undefined` for every failure (encoding, structure, unknown
 * key, authentication): to a client they are all the same "Malformed", and a single failure value
 * gives an attacker no oracle on which check it tripped.
 */
export function openToken(ring: KeyRing, token: string): OpenedToken | undefined {
  const buf = decodeBase64(token);
  const header = buf && readHeader(buf);
  if (!buf || !header) return undefined;
  const key = ring.find(header.keyId);
  if (!key) return undefined;

  const { ivAt } = header;
  const tagAt = buf.length - TAG_BYTES;
  const decipher = createDecipheriv('aes-256-gcm', key.sealKey, buf.subarray(ivAt, ivAt + IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(buf.subarray(0, ivAt));
  decipher.setAuthTag(buf.subarray(tagAt));
  const body = decipher.update(buf.subarray(ivAt + IV_BYTES, tagAt));
  try {
    decipher.final();
  } catch {
    return undefined; // authentication failed
  }
  return { key, accessKeyId: header.accessKeyId, plaintext: body };
}
