import { def } from './api-error.js';

/**
 * Errors of ARMS 2019-08-08 (api-facts §6.3). ARMS answers bad input with its own codes rather than the
 * gateway's MissingParameter/InvalidParameter, so ARMS handlers check their parameters themselves.
 * Denials are not here: the §6.1 APIs declare no RAM-denial code, so they come from the gateway as
 * NoPermission with AccessDeniedDetail (docs/arms.md).
 */
export const armsErrors = {
  ParameterMissing: def(400, (name: string) => `You must specify the parameter ${name}.`),
  ParameterIllegal: def(400, (name: string, reason?: string) => `The specified parameter ${name} is invalid.${reason ? ` ${reason}` : ''}`),
  AppNotExist: def(404, 'The application does not exist.'),
} as const;
