'use strict';
const { createHash } = require('node:crypto');

/**
 * A fixed amount of CPU work, the yardstick the benchmarks report beside their figures: this machine's
 * speed drifts (twofold within minutes), and what the same work costs in the same run says which phase
 * a figure was measured in. CommonJS so the benchmarks' `node -e` servers can require it as well.
 */
const REFERENCE_HASHES = 40;

/** REFERENCE_HASHES chained SHA-256 digests of short strings. */
function work() {
  let x = '';
  for (let i = 0; i < REFERENCE_HASHES; i++) x = createHash('sha256').update(x + i).digest('hex');
  return x;
}

/** What one work() costs by itself here, µs: the best of five timed loops of a thousand. */
function alone() {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (let i = 0; i < 1000; i++) work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

module.exports = { REFERENCE_HASHES, work, alone };
