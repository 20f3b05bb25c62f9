import type { Sealer } from '../secrets/sealer.js';
import type { StsRuntime } from './sts/sts-runtime.js';

/** What handlers reach beyond the store (ctx.services). server.ts builds it once. */
export interface AppServices {
  /** Seals secrets at rest (AccessKey secrets, TOTP seeds) under the master key. */
  sealer: Sealer;
  /** 32-byte key sealing EncodedDiagnosticMessage (derived from the master key). */
  diagnosticKey: Buffer;
  /** The STS key ring, revocations and roles, held in memory. */
  sts: StsRuntime;
}
