import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyText, nonceKey } from '../../src/gateway/replay/nonce-key.js';

/** The key as the first versions computed it: the first 8 bytes of SHA-256, read from a Buffer. */
function referenceKey(accessKeyId: string, nonce: string): { hi: number; lo: number } {
  const digest = createHash('sha256').update(`${accessKeyId.length}:${accessKeyId}:${nonce}`, 'utf8').digest();
  return { hi: digest.readUInt32BE(0), lo: digest.readUInt32BE(4) };
}

describe('nonce keys', () => {
  // Stored keys (nonce_batches, used_nonces) outlive the process and are shared by nodes of several
  // versions: a key computed differently would let a remembered nonce through once more.
  it('threat: a nonce remembered by an earlier version is still recognised (same key as SHA-256 read from a Buffer)', () => {
    for (const [accessKeyId, nonce] of [
      ['LTAI5tUpgradeKey000000001', '3f1c2d4e-1234-4567-89ab-cdef01234567'],
      ['STS.NUgYrLnoC37mZZCNnAbez2Gxj', 'nonce-with-ünïcode-✓'],
      ['a', ''],
    ] as const) {
      expect(nonceKey(accessKeyId, nonce)).toEqual(referenceKey(accessKeyId, nonce));
    }
  });

  it('gives a known key for a known nonce (the first 16 hex digits of `sha256sum` over "25:<AccessKeyId>:<nonce>")', () => {
    const { hi, lo } = nonceKey('LTAI5tUpgradeKey000000001', 'spent-before-upgrade');
    expect(keyText(hi, lo)).toBe('39f8a95f8182ff37');
  });
});
