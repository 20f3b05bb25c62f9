import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Seals secrets at rest with AES-256-GCM under a master key. The sealed text names the key that
 * sealed it (`v1.<keyId>.<iv>.<ciphertext+tag>`), so a new master key can be added while values sealed
 * under an old one still open. The purpose string is bound as additional data, so a sealed AccessKey
 * secret cannot be passed off as, say, a TOTP seed.
 */
export interface MasterKey {
  id: string;
  key: Buffer; // 32 bytes
}

export class Sealer {
  private readonly keys = new Map<string, Buffer>();

  constructor(
    private readonly current: MasterKey,
    older: MasterKey[] = [],
  ) {
    if (current.key.length !== 32) throw new Error('master key must be 32 bytes');
    for (const k of [current, ...older]) this.keys.set(k.id, k.key);
  }

  seal(plaintext: string, purpose: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(purpose));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `v1.${this.current.id}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  open(sealed: string, purpose: string): string {
    const [version, keyId, iv, body] = sealed.split('.');
    const key = keyId === undefined ? undefined : this.keys.get(keyId);
    if (version !== 'v1' || !key || !iv || !body) throw new Error('sealed value is not readable with the configured master keys');
    const raw = Buffer.from(body, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(0, raw.length - 16)), decipher.final()]).toString('utf8');
  }
}
