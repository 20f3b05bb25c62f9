/**
 * Micro-benchmark of the temporary-credential core: issue (AssumeRole's crypto share) and verify
 * (paid by every request signed with STS credentials). `run()` returns the figures for bench/run.ts;
 * run directly (`npx tsx bench/tokens.bench.ts`) it prints them.
 */
import { pathToFileURL } from 'node:url';
import { KeyRing, issueCredentials, verifyCredentials, type SessionGrant } from '../src/tokens/index.js';

export interface TokenBenchResult {
  issuePerSec: number;
  verifyPerSec: number;
  /** Mean cost of one verification, microseconds. */
  verifyMicros: number;
  issueMicros: number;
  /** Length of the benchmarked SecurityToken, characters. */
  tokenChars: number;
}

const NOW = 1_700_000_000_000;

/** A realistic chained session with a session policy, so the token is not a best case. */
const GRANT: SessionGrant = {
  roleAccountId: '1234567890123456',
  roleId: '300401948379881138',
  roleName: 'armsreadonly',
  sessionName: 'credentials-nodejs-1700000000000',
  callerArn: 'acs:ram::2222222222222222:user/bob',
  callerAccountId: '2222222222222222',
  callerType: 'user',
  callerPrincipalId: '204070465786811111',
  sourceIdentity: 'bob',
  sessionPolicy: JSON.stringify({
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: ['arms:Get*', 'arms:List*'], Resource: '*' }],
  }),
  mfaPresent: true,
  durationSeconds: 3600,
};

/** Operations per second of `op`, measured over about `ms` milliseconds after a warm-up. */
function measure(op: () => unknown, ms: number): number {
  for (let i = 0; i < 2000; i++) op();
  let ops = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 500; i++) op();
    ops += 500;
    now = process.hrtime.bigint();
  }
  return ops / (Number(now - start) / 1e9);
}

export function run(durationMs = 1000): TokenBenchResult {
  const ring = KeyRing.generate(NOW);
  ring.rotate(NOW); // a ring with history, as in production
  const creds = issueCredentials(ring, GRANT, NOW);
  const issuePerSec = measure(() => issueCredentials(ring, GRANT, NOW), durationMs);
  const verifyPerSec = measure(() => verifyCredentials(ring, creds.accessKeyId, creds.securityToken, NOW), durationMs);
  return {
    issuePerSec: Math.round(issuePerSec),
    verifyPerSec: Math.round(verifyPerSec),
    issueMicros: Number((1e6 / issuePerSec).toFixed(2)),
    verifyMicros: Number((1e6 / verifyPerSec).toFixed(2)),
    tokenChars: creds.securityToken.length,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = run();
  console.log(
    `tokens: issue ${r.issuePerSec.toLocaleString('en-US')}/s (${r.issueMicros} µs), ` +
      `verify ${r.verifyPerSec.toLocaleString('en-US')}/s (${r.verifyMicros} µs), token ${r.tokenChars} chars`,
  );
}
