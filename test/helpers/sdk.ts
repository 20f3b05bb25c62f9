import { createRequire } from 'node:module';

/**
 * The official SDK clients, configured as a user would point them at ramstack: `endpoint` host:port,
 * protocol HTTP (or HTTPS with NODE_EXTRA_CA_CERTS), V3 signatures by default or V1 with 'v2'.
 */
const require = createRequire(import.meta.url);
const { $OpenApiUtil } = require('@alicloud/openapi-core');
const Sts = require('@alicloud/sts20150401');
const Ram = require('@alicloud/ram20150501');
const Ims = require('@alicloud/ims20190815');
const OpenApi = require('@alicloud/openapi-core');
const Util = require('@alicloud/tea-util');
export const PopCore = require('@alicloud/pop-core');

export interface Keys {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export interface ClientOptions {
  endpoint: string;
  signatureAlgorithm?: 'v2';
  protocol?: 'HTTP' | 'HTTPS';
}

function config(keys: Keys, options: ClientOptions): unknown {
  return new $OpenApiUtil.Config({
    endpoint: options.endpoint,
    protocol: options.protocol ?? 'HTTP',
    accessKeyId: keys.accessKeyId,
    accessKeySecret: keys.accessKeySecret,
    ...(keys.securityToken ? { securityToken: keys.securityToken } : {}),
    ...(options.signatureAlgorithm ? { signatureAlgorithm: options.signatureAlgorithm } : {}),
    readTimeout: 10_000,
    connectTimeout: 10_000,
  });
}

export const stsClient = (keys: Keys, options: ClientOptions): any => new Sts.default(config(keys, options));
export const ramClient = (keys: Keys, options: ClientOptions): any => new Ram.default(config(keys, options));
export const imsClient = (keys: Keys, options: ClientOptions): any => new Ims.default(config(keys, options));
export const StsModels = Sts;
export const RamModels = Ram;
export const ImsModels = Ims;

/** Calls any RPC action through openapi-core's generic callApi, as a generated client (e.g. ARMS) would. */
export async function callApi(keys: Keys, options: ClientOptions, action: string, version: string, query: Record<string, string>): Promise<any> {
  const client = new OpenApi.default(config(keys, options));
  const params = new $OpenApiUtil.Params({ action, version, protocol: options.protocol ?? 'HTTP', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
  const request = new $OpenApiUtil.OpenApiRequest({ query });
  return client.callApi(params, request, new Util.RuntimeOptions({}));
}

/** pop-core RPCClient (V1 signatures, GET by default). */
export function popClient(keys: Keys, url: string, apiVersion: string): any {
  return new PopCore({ endpoint: url, apiVersion, accessKeyId: keys.accessKeyId, accessKeySecret: keys.accessKeySecret, ...(keys.securityToken ? { securityToken: keys.securityToken } : {}) });
}
