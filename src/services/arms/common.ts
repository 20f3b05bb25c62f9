import { apiError } from '../../errors/catalogue.js';
import type { ActionDef, Caller, Params } from '../action.js';
import { requiredParam } from './params.js';

export const ARMS_VERSION = '2019-08-08';

/**
 * Where a call without RegionId acts. Real ARMS takes the region from the endpoint
 * (`arms.<region>.aliyuncs.com`); ramstack serves every region on one endpoint, so it falls back to the
 * region the legacy contact APIs document as theirs.
 */
export const DEFAULT_REGION = 'cn-hangzhou';

/** Region IDs look like `cn-hangzhou`, `ap-southeast-1`; anything else could not sit in an ARN segment. */
export const isRegionId = (text: string): boolean => /^[a-z]{2,}(-[a-z0-9]+){1,4}$/.test(text);

/** ARMS' own success fields, carried by the APIs whose published responses have them (api-facts §6.1). */
export const ARMS_OK = { Code: 200, Success: true, Message: 'success' } as const;

/** The region a call acts in: RegionId, checked, or DEFAULT_REGION where the API does not require it. */
export function regionOf(params: Params, required = false): string {
  const region = required ? requiredParam(params, 'RegionId') : params.RegionId || DEFAULT_REGION;
  if (!isRegionId(region)) throw apiError('ParameterIllegal', 'RegionId');
  return region;
}

/** The resource of APIs without resource-level authorization (api-facts §6.2: "`*` (all resources)"). */
export const accountScope = (region: string, accountId: string): string => `acs:arms:${region}:${accountId}:*`;

/** resources() of an account-scoped API, in the region the call names (checked before authorization). */
export const accountResources =
  (regionRequired = false) =>
  (params: Params, caller: Caller): string[] => [accountScope(regionOf(params, regionRequired), caller.accountId)];

/**
 * The resource of one application: the `armsapp/<appName>` form of ARMS' app-level custom-policy guide,
 * the one customers write (`armsapp/prod-*`). The per-API tables' `traceapp/<Pid>` form is not used:
 * every resource of a request must be allowed, so authorizing both would make an `armsapp/…` policy
 * useless on its own (docs/arms.md).
 */
export const appArn = (region: string, accountId: string, appName: string): string => `acs:arms:${region}:${accountId}:armsapp/${appName}`;

export type ArmsActionFields<S> = Omit<ActionDef<S>, 'product' | 'version' | 'ramAction' | 'authorization'> & { ramAction?: string };

/**
 * An ARMS action the gateway authorizes on resources that follow from its parameters. The RAM action
 * is `arms:<Api>` unless the API's authorization table names another (api-facts §6.2).
 */
export function armsAction<S = unknown>(fields: ArmsActionFields<S>): ActionDef<S> {
  return { product: 'ARMS', version: ARMS_VERSION, ramAction: `arms:${fields.name}`, authorization: 'policy', ...fields };
}
