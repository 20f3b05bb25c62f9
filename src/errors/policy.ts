import { def } from './api-error.js';

/** `The parameter - "X" beyond the length limit.` (api-facts §2.14) */
const lengthLimit = (name: string) => def(400, `The parameter - "${name}" beyond the length limit.`);

/**
 * Errors of the policy language (api-facts §1.7, §2.14, §3). Grammar errors carry a detail that
 * names the offending element, e.g. `Statement[1].Condition.StringEqualsIfExists: ...`, so a user can
 * fix the document without guessing.
 */
export const policyErrors = {
  // RAM answers a bad policy with the detail alone (live: "Add an Action or NotAction element to the
  // policy statement."), so the detail is the whole message.
  MalformedPolicyDocument: def(400, (detail: string) => detail),
  // STS has a fixed message; the detail follows it so SDK users matching the prefix still match.
  'InvalidParameter.PolicyGrammar': def(400, (detail: string) =>
    `The parameter Policy has not passed grammar check. ${detail}`),
  'InvalidParameter.PolicySize': def(400, 'The size of Policy must be smaller than 2048 bytes.'),
  'InvalidParameter.PolicyDocument.Length': lengthLimit('PolicyDocument'),
  'InvalidParameter.AssumeRolePolicyDocument.Length': lengthLimit('AssumeRolePolicyDocument'),
  'InvalidParameter.NewAssumeRolePolicyDocument.Length': lengthLimit('NewAssumeRolePolicyDocument'),
} as const;
