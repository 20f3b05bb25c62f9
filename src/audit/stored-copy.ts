/**
 * How an event is stored in its second and further trails. The event's JSON goes in one row only,
 * the trail of the account it acted in; every other trail's row holds `@<that account>` in its place
 * and is read through that row (query.ts). A session of another account's role files each event in
 * two trails, and the JSON is about half of what writing a row costs (docs/performance.md). Events
 * are JSON objects, so a stored `@` is never an event.
 */
const COPY_MARK = '@';

export function copyOf(accountId: string): string {
  return COPY_MARK + accountId;
}

/** The account whose row holds the event, when `stored` is a copy; undefined when it is the event. */
export function copiedFrom(stored: string): string | undefined {
  return stored.startsWith(COPY_MARK) ? stored.slice(COPY_MARK.length) : undefined;
}
