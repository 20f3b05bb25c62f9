import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Fields that could carry a secret are censored by path wherever they appear,
 * and request parameters are never logged whole (the gateway logs action, key ID and result only).
 */
export const REDACTED_PATHS = [
  '*.AccessKeySecret', '*.accessKeySecret', '*.SecurityToken', '*.securityToken', '*.Password', '*.password',
  '*.NewPassword', '*.OldPassword', '*.rootPassword', '*.Signature', '*.authorization', '*.cookie',
  'req.headers.authorization', 'req.headers["x-acs-security-token"]', 'req.headers.cookie',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  // Asynchronous stdout: a log line per request must not cost a blocking write per request.
  return pino({ level, base: { service: 'ramstack' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination ?? pino.destination({ dest: 1, sync: false }));
}

export type { Logger };
