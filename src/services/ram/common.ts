import { sql, type SelectQueryBuilder, type StringReference } from 'kysely';
import { apiError } from '../../errors/catalogue.js';
import type { ActionDef, Params } from '../action.js';
import type { AppServices } from '../app-services.js';
import type { Store } from '../../store/store.js';
import { PERMISSIONS_CHANNEL, CREDENTIALS_CHANNEL } from '../events.js';

export const RAM_VERSION = '2015-05-01';
export const IMS_VERSION = '2019-08-15';

type ActionSpec = Omit<ActionDef<AppServices>, 'product' | 'version' | 'name' | 'ramAction' | 'authorization'> &
  Partial<Pick<ActionDef<AppServices>, 'authorization'>>;

/**
 * Declares a RAM or IMS action, authorized by policy on `ram:<Action>` unless the spec says otherwise.
 * IMS actions are authorized as `ram:<Action>` too (api-facts §0).
 */
export function declareAction(product: 'Ram' | 'Ims', name: string, spec: ActionSpec): ActionDef<AppServices> {
  return { product, version: product === 'Ram' ? RAM_VERSION : IMS_VERSION, name, ramAction: `ram:${name}`, authorization: 'policy', ...spec };
}

export interface Page {
  /** Sort key after which this page starts (decoded Marker). */
  after: string | undefined;
  maxItems: number;
}

/**
 * Marker/MaxItems pagination (api-facts §2.1): MaxItems 1..limit (default 100), Marker opaque. The
 * marker is the base64url of the last returned sort key, so pages stay stable while entities change.
 */
export function readPage(params: Params, limit = 1000, fallback = 100): Page {
  const raw = params.MaxItems;
  let maxItems = fallback;
  if (raw !== undefined && raw !== '') {
    maxItems = Number(raw);
    if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > limit) throw apiError('InvalidParameter', 'MaxItems');
  }
  const marker = params.Marker;
  if (marker === undefined || marker === '') return { after: undefined, maxItems };
  const after = Buffer.from(marker, 'base64url').toString('utf8');
  if (!after || Buffer.from(after, 'utf8').toString('base64url') !== marker) throw apiError('InvalidParameter', 'Marker');
  return { after, maxItems };
}

/** Cuts one extra fetched row into IsTruncated/Marker (query with `limit(page.maxItems + 1)`). */
export function pageResult<T>(rows: T[], page: Page, sortKey: (row: T) => string): { items: T[]; IsTruncated: boolean; Marker?: string } {
  if (rows.length <= page.maxItems) return { items: rows, IsTruncated: false };
  const items = rows.slice(0, page.maxItems);
  return { items, IsTruncated: true, Marker: Buffer.from(sortKey(items[items.length - 1]!), 'utf8').toString('base64url') };
}

/**
 * Fetches one page of `query` in the order of its sort-key column `key` (one row more than the page,
 * for pageResult); `keyOf` reads that key off a row for the Marker.
 */
export async function fetchPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  key: StringReference<DB, TB> & string,
  keyOf: (row: O) => string,
  page: Page,
): Promise<{ items: O[]; IsTruncated: boolean; Marker?: string }> {
  // sql.ref: Kysely cannot type a comparison on a column chosen by a generic caller; `key` is checked above.
  const from = page.after === undefined ? query : query.where(sql.ref<string>(key), '>', page.after);
  const rows = await from.orderBy(key).limit(page.maxItems + 1).execute();
  return pageResult(rows, page, keyOf);
}

/** Boolean parameters arrive as "true"/"false" in any case (validated by the gateway when declared boolean). */
export function boolParam(params: Params, name: string, fallback: boolean): boolean {
  const value = params[name];
  return value === undefined || value === '' ? fallback : value.toLowerCase() === 'true';
}

/** Tells every node that permissions in this account changed (compiled policy sets must be rebuilt). */
export function announcePermissionChange(store: Store, accountId: string): Promise<void> {
  return store.publish(PERMISSIONS_CHANNEL, accountId);
}

/** Tells every node that an AccessKey or its user changed (cached keys must be reloaded). */
export function announceCredentialChange(store: Store, what: { accessKeyId: string } | { userId: string }): Promise<void> {
  return store.publish(CREDENTIALS_CHANNEL, 'accessKeyId' in what ? what.accessKeyId : `user:${what.userId}`);
}
