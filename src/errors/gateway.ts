import { def } from './api-error.js';

/** Errors of the RPC protocol layer common to every product (api-facts §4.6). */
export const gatewayErrors = {
  SignatureDoesNotMatch: def(400, (stringToSign: string) =>
    `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`),
  IncompleteSignature: def(400, (stringToSign: string) =>
    `The request signature does not conform to Aliyun standards. server string to sign is:${stringToSign}`),
  'InvalidAccessKeyId.NotFound': def(404, 'Specified access key is not found.'),
  'InvalidAccessKeyId.Inactive': def(400, 'Specified access key is disabled.'),
  'InvalidTimeStamp.Expired': def(400, 'Specified time stamp or date value is expired.'),
  'InvalidTimeStamp.Format': def(400, 'Specified time stamp or date value is not well formatted.'),
  SignatureNonceUsed: def(400, 'Specified signature nonce was used already.'),
  InvalidSignatureMethod: def(400, 'Specified signature method is not valid.'),
  InvalidSignatureVersion: def(400, 'Specified signature version is not valid.'),
  'InvalidSecurityToken.Expired': def(403, 'Specified SecurityToken is expired.'),
  'InvalidSecurityToken.Revoked': def(403, 'Specified SecurityToken has been revoked.'),
  'InvalidSecurityToken.MismatchWithAccessKey': def(400, 'Specified SecurityToken mismatch with the AccessKey.'),
  'InvalidSecurityToken.Malformed': def(400, 'Specified SecurityToken is malformed.'),
  MissingSecurityToken: def(400, 'SecurityToken is mandatory for this action.'),
  MissingParameter: def(400, (name: string) => `${name} is mandatory for this action.`),
  InvalidParameter: def(400, (name: string) => `Specified parameter ${name} is not valid.`),
  'InvalidParameter.Format': def(400, 'Specified parameter format is not valid.'),
  InvalidVersion: def(400, 'Specified parameter Version is not valid.'),
  'InvalidAction.NotFound': def(404, 'Specified api is not found, please check your url and method.'),
  UnsupportedHTTPMethod: def(405, (method: string) => `The HTTP method ${method} is not supported.`),
  'InvalidParameter.ContentType': def(400,
    'The ContentType request header must be either "application/json" or "application/x-www-form-urlencoded".'),
  RequestEntityTooLarge: def(413, 'The request body is larger than the service accepts.'),
  'InvalidApi.NotFound': def(404, 'Specified api is not found, please check your url and method.'),
  NoPermission: def(403, 'You are not authorized to do this action. You should be authorized by RAM.'),
  'Throttling.User': def(400, 'Request was denied due to user flow control.'),
  InternalError: def(500, 'An internal error occurred. Please send the RequestId to us.'),
} as const;
