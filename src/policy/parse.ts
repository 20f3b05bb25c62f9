import { Buffer } from 'node:buffer';
import { apiError, type ApiError } from '../errors/catalogue.js';
import { GrammarError } from './grammar-error.js';
import type { PolicyDocument, PolicyKind } from './types.js';
import { validatePolicy } from './validate.js';

/**
 * Size limits (api-facts §2.2, §1.7). Custom policies: 6144 characters. Session policies: 2048 bytes
 * (the STS message speaks of bytes). Trust policies: Alibaba publishes no number although the error
 * code exists; we use the custom-policy limit so that no document Alibaba accepts is refused.
 */
export const policyLimits = {
  identityChars: 6144,
  trustChars: 6144,
  sessionBytes: 2048,
} as const;

function tooLarge(text: string, kind: PolicyKind): ApiError | undefined {
  switch (kind) {
    case 'identity':
      return text.length > policyLimits.identityChars ? apiError('InvalidParameter.PolicyDocument.Length') : undefined;
    case 'trust':
      return text.length > policyLimits.trustChars ? apiError('InvalidParameter.AssumeRolePolicyDocument.Length') : undefined;
    case 'session':
      return Buffer.byteLength(text, 'utf8') > policyLimits.sessionBytes ? apiError('InvalidParameter.PolicySize') : undefined;
  }
}

/** RAM APIs answer MalformedPolicyDocument; STS answers InvalidParameter.PolicyGrammar for its Policy. */
function grammarError(detail: string, kind: PolicyKind): ApiError {
  return kind === 'session' ? apiError('InvalidParameter.PolicyGrammar', detail) : apiError('MalformedPolicyDocument', detail);
}

/**
 * Parses and validates a policy document as the API that receives it must: throws the ApiError that
 * API returns, with a message naming the offending element. Returns the normalized document.
 */
export function parsePolicy(text: string, kind: PolicyKind): PolicyDocument {
  const sizeError = tooLarge(text, kind);
  if (sizeError !== undefined) throw sizeError;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw grammarError(`The policy document is not valid JSON: ${(error as Error).message}`, kind);
  }
  try {
    return validatePolicy(json, kind);
  } catch (error) {
    if (error instanceof GrammarError) throw grammarError(error.message, kind);
    throw error;
  }
}
