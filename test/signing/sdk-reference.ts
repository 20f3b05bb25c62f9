/**
 * The official SDKs' own signing code, loaded as the independent reference the signing core is
 * checked against. require() rather than import: these are CommonJS modules whose `default`
 * export is the class, and ESM interop would hand back the module object instead.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The static signing helpers both SDK generations expose (openapi-core 1.0.8, openapi-util 0.3.3). */
export interface SdkSigner {
  getRPCSignature(signedParams: Record<string, string>, method: string, secret: string): string;
  getAuthorization(
    request: { method: string; pathname: string; query: Record<string, string>; headers: Record<string, string> },
    signatureAlgorithm: string,
    payload: string,
    accessKey: string,
    accessKeySecret: string,
  ): string;
}

function load(id: string): SdkSigner {
  return (require(id) as { default: SdkSigner }).default;
}

/** openapi-core's Utils: what @alicloud/sts20150401 1.2.x and ram20150501 1.2.x sign with. */
export const openapiCore: SdkSigner = load('@alicloud/openapi-core/dist/utils.js');
/** openapi-util's Client: what the older openapi-client generation signs with. */
export const openapiUtil = load('@alicloud/openapi-util') as SdkSigner & {
  /** The SDK's RFC 3986 encoder: encodeURIComponent plus escapes for ! ' ( ) *. */
  getEncodeParam(param: string): string;
};
