import { compileWildcard, hasWildcard, matchAll, type Matcher } from './wildcard.js';

/**
 * Actions are `<service>:<ApiName>`, compared case-insensitively (api-facts §3.2): patterns are
 * lower-cased when compiled and the request action once per request.
 */

export function compileActions(patterns: readonly string[]): Matcher {
  const matchers = patterns.map((pattern) => compileWildcard(pattern.toLowerCase()));
  if (matchers.includes(matchAll)) return matchAll;
  if (matchers.length === 1) return matchers[0] as Matcher;
  return (action) => {
    for (const matches of matchers) if (matches(action)) return true;
    return false;
  };
}

/**
 * The lower-cased services a list of Action patterns can match, or undefined when any pattern can
 * match every service (`*`, `*:List*`, `r?m:Get*`). Used to index statements by service.
 */
export function actionServices(patterns: readonly string[]): string[] | undefined {
  const services = new Set<string>();
  for (const pattern of patterns) {
    const colon = pattern.indexOf(':');
    const service = colon < 0 ? pattern : pattern.slice(0, colon);
    if (colon < 0 || hasWildcard(service)) return undefined;
    services.add(service.toLowerCase());
  }
  return [...services];
}

/** The lower-cased service of a lower-cased request action (`ram` for `ram:getuser`). */
export function serviceOf(lowerAction: string): string {
  const colon = lowerAction.indexOf(':');
  return colon < 0 ? lowerAction : lowerAction.slice(0, colon);
}
