import { LOOKUP_KEYS, queryTrail, type LookupKey, type TrailCursor, type TrailQuery } from '../../audit/query.js';
import { apiError } from '../../errors/catalogue.js';
import { isoSeconds } from '../../identity/time.js';
import type { ActionDef, Params } from '../action.js';

export const ACTIONTRAIL_VERSION = '2020-07-06';

const DAY_MS = 86_400_000;
/** ActionTrail's defaults: the last seven days, 20 events a page, at most 50. */
const DEFAULT_WINDOW_MS = 7 * DAY_MS;
const DEFAULT_MAX_RESULTS = 20;
const MAX_RESULTS = 50;
/** More attributes than keys would only repeat one; ten leaves room without inviting huge queries. */
const MAX_ATTRIBUTES = 10;
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,3})?)?Z$/;
const ATTRIBUTE_PARAM = /^LookupAttribute\.(\d{1,2})\.(Key|Value)$/;

/**
 * ActionTrail 2020-07-06 LookupEvents over the caller's own trail: the account it acts in, which holds
 * that account's events and those its people made in other accounts. Newest first.
 */
export const lookupEvents: ActionDef = {
  product: 'Actiontrail',
  version: ACTIONTRAIL_VERSION,
  name: 'LookupEvents',
  ramAction: 'actiontrail:LookupEvents',
  access: 'read',
  params: {
    StartTime: { type: 'string', description: 'ISO 8601 UTC, e.g. 2024-05-01T00:00:00Z; default seven days before EndTime' },
    EndTime: { type: 'string', description: 'ISO 8601 UTC; default now' },
    LookupAttribute: { type: 'list', description: `LookupAttribute.N.Key / .Value, all must match; keys: ${LOOKUP_KEYS.join(', ')}` },
    MaxResults: { type: 'integer', description: `1-${MAX_RESULTS}, default ${DEFAULT_MAX_RESULTS}` },
    NextToken: { type: 'string' },
  },
  authorization: 'policy',
  resources: (_params, caller) => [`acs:actiontrail:*:${caller.accountId}:*`],
  async handler({ params, caller, request, store }) {
    const endMs = params.EndTime ? timeParam(params, 'EndTime') : request.now;
    const startMs = params.StartTime ? timeParam(params, 'StartTime') : endMs - DEFAULT_WINDOW_MS;
    if (endMs < startMs) throw apiError('InvalidParameter.TimeRange');
    const after = params.NextToken ? decodeToken(params.NextToken) : undefined;
    const query: TrailQuery = { accountId: caller.accountId, startMs, endMs, attributes: attributesOf(params), limit: maxResults(params), ...(after ? { after } : {}) };
    const page = await queryTrail(store.db, query);
    return {
      ...(page.next ? { NextToken: encodeToken(page.next) } : {}),
      StartTime: isoSeconds(startMs),
      EndTime: isoSeconds(endMs),
      Events: page.events,
    };
  },
};

function timeParam(params: Params, name: 'StartTime' | 'EndTime'): number {
  const value = params[name]!;
  const ms = ISO_UTC.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw apiError('InvalidParameter', name);
  return ms;
}

function maxResults(params: Params): number {
  if (params.MaxResults === undefined || params.MaxResults === '') return DEFAULT_MAX_RESULTS;
  const n = Number(params.MaxResults);
  if (n < 1 || n > MAX_RESULTS) throw apiError('InvalidParameter', 'MaxResults');
  return n;
}

function attributesOf(params: Params): TrailQuery['attributes'] {
  const byIndex = new Map<string, { Key?: string; Value?: string }>();
  for (const [name, value] of Object.entries(params)) {
    const match = ATTRIBUTE_PARAM.exec(name);
    if (!match || value === undefined) continue;
    const entry = byIndex.get(match[1]!) ?? {};
    entry[match[2] as 'Key' | 'Value'] = value;
    byIndex.set(match[1]!, entry);
  }
  if (byIndex.size > MAX_ATTRIBUTES) throw apiError('InvalidParameter', 'LookupAttribute');
  return [...byIndex].map(([n, { Key, Value }]) => {
    if (!Key) throw apiError('MissingParameter', `LookupAttribute.${n}.Key`);
    if (!isLookupKey(Key)) throw apiError('InvalidParameter', `LookupAttribute.${n}.Key`);
    if (Value === undefined || Value === '') throw apiError('MissingParameter', `LookupAttribute.${n}.Value`);
    return { key: Key, value: Value };
  });
}

function isLookupKey(key: string): key is LookupKey {
  return (LOOKUP_KEYS as readonly string[]).includes(key);
}

/** The token is the position after the page's last event; it only ever moves within the caller's trail. */
function encodeToken(cursor: TrailCursor): string {
  return Buffer.from(`${cursor.ms}/${cursor.eventId}`, 'utf8').toString('base64url');
}

function decodeToken(token: string): TrailCursor {
  const match = /^(\d{1,15})\/([0-9a-f-]{36})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw apiError('InvalidParameter', 'NextToken');
  return { ms: Number(match[1]), eventId: match[2]! };
}
