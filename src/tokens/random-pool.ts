import { randomFillSync } from 'node:crypto';

/**
 * Cryptographically random bytes handed out from a pooled buffer. A randomBytes() call costs
 * microseconds whatever its size, and issuing a credential needs two small draws (AccessKeyId,
 * IV); refilling 4 KiB at a time makes them nearly free. Bytes are never handed out twice, and
 * callers receive a view they must consume before the next call (they copy or encode it at once).
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

export function randomView(n: number): Buffer {
  if (n > POOL_BYTES) throw new RangeError(`at most ${POOL_BYTES} random bytes per draw`);
  if (offset + n > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const view = pool.subarray(offset, offset + n);
  offset += n;
  return view;
}
