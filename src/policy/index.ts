/**
 * ramstack's RAM policy engine, importable as `ramstack/policy`: parse and validate policy documents,
 * compile them once, evaluate requests (identity ∩ session policies, trust policies), explain
 * decisions and seal them into Alibaba's AccessDeniedDetail. Pure: no storage, no network.
 * See docs/policy.md.
 */
export type {
  ConditionBlock,
  Decision,
  MatchedStatement,
  PolicyDocument,
  PolicyKind,
  PolicySource,
  PolicyType,
  Principal,
  PrincipalBlock,
  AuthzRequest,
  RequestContext,
  Statement,
  TrustRequest,
} from './types.js';
export { parsePolicy, policyLimits } from './parse.js';
export { compilePolicy, type CompiledPolicy, type CompiledStatement } from './compile.js';
export { compilePolicySet, type PolicySet } from './policy-set.js';
export { evaluate } from './evaluate.js';
export { evaluateTrust } from './trust.js';
export { explain } from './explain.js';
export {
  accessDeniedDetail,
  decodeDiagnosticMessage,
  DiagnosticMessageError,
  type DecodedDiagnosticMessage,
  type DecodeOptions,
} from './diagnostic.js';
export { PolicySetCache } from './cache.js';
export { systemPolicies, findSystemPolicy, type SystemPolicy } from './system/index.js';
export type { AccessDeniedDetail } from '../errors/api-error.js';
