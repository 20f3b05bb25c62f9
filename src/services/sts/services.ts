import type { StsRuntime } from './sts-runtime.js';
import type { TrustPolicies } from './trust-policies.js';

/** What the STS handlers reach through ctx.services.sts (built once in server.ts). */
export interface StsServices {
  runtime: StsRuntime;
  trustPolicies: TrustPolicies;
}
