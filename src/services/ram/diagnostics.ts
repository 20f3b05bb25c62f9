import { apiError } from '../../errors/catalogue.js';
import { decodeDiagnosticMessage as decode, DiagnosticMessageError, type DecodedDiagnosticMessage } from '../../policy/index.js';
import { declareAction } from './common.js';

/**
 * DecodeDiagnosticMessage (api-facts §2.12): opens the EncodedDiagnosticMessage of a NoPermission
 * answer. Alibaba publishes no lifetime for these messages; ramstack keeps them readable for a week.
 */
export const DIAGNOSTIC_MESSAGE_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

function open(encoded: string, key: Buffer, now: number): DecodedDiagnosticMessage {
  try {
    return decode(encoded, key, { maxAgeMs: DIAGNOSTIC_MESSAGE_MAX_AGE_MS, now });
  } catch (err) {
    if (!(err instanceof DiagnosticMessageError)) throw err;
    // A message that does not open under our key is no diagnosis we issued: it "does not exist".
    throw err.reason === 'expired' ? apiError('EncodedMessageExpire') : apiError('EntityNotExist');
  }
}

export const decodeDiagnosticMessage = declareAction('Ram', 'DecodeDiagnosticMessage', {
  access: 'read',
  params: { EncodedDiagnosticMessage: { type: 'string', required: true } },
  // No resource-level authorization is published for this action.
  resources: () => ['*'],
  async handler(ctx) {
    const message = open(ctx.params.EncodedDiagnosticMessage!, ctx.services.diagnosticKey, ctx.request.now);
    // A diagnosis describes one account's principal and policies; only that account may read it.
    if (message.AuthPrincipal.AuthPrincipalOwnerId !== ctx.caller.accountId) throw apiError('NoPermission');
    return { DecodedDiagnosticMessage: message };
  },
});
