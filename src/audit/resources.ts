/**
 * ActionTrail names a resource by type and short name (`ACS::RAM::User` / `alice`); ramstack's
 * actions name them by ARN (`acs:ram:*:<account>:user/alice`). This derives the first from the second.
 */
export interface ResourceRef {
  arn: string;
  /** e.g. `ACS::RAM::User`. */
  type: string;
  /** e.g. `alice`; the relative ID itself when it has no type prefix (`root`). */
  name: string;
  /** The owning account, when the ARN names one (not `*`). */
  accountId?: string;
}

const ACCOUNT_ID = /^\d+$/;

/**
 * Every event names its resources twice (its resource fields, its trails) and the same few ARNs come
 * back request after request; what they describe never changes. Bounded (ARNs come from requests):
 * emptied when full.
 */
const described = new Map<string, ResourceRef | undefined>();
const MAX_DESCRIBED = 1_000;

export function describeResource(arn: string): ResourceRef | undefined {
  if (described.has(arn)) return described.get(arn);
  if (described.size >= MAX_DESCRIBED) described.clear();
  // Frozen: every event that names this ARN shares the one description.
  const ref = parseResource(arn);
  if (ref) Object.freeze(ref);
  described.set(arn, ref);
  return ref;
}

function parseResource(arn: string): ResourceRef | undefined {
  const parts = arn.split(':');
  if (parts.length < 5 || parts[0] !== 'acs') return undefined;
  const [, service, , account] = parts as [string, string, string, string];
  const relative = parts.slice(4).join(':');
  if (relative === '*' || relative === '') return undefined;
  const slash = relative.indexOf('/');
  const kind = slash === -1 ? relative : relative.slice(0, slash);
  return {
    arn,
    type: `ACS::${service.toUpperCase()}::${kind.charAt(0).toUpperCase()}${kind.slice(1)}`,
    name: slash === -1 ? relative : relative.slice(slash + 1),
    ...(ACCOUNT_ID.test(account) ? { accountId: account } : {}),
  };
}
