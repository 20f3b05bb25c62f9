import { describe, expect, it } from 'vitest';
import { buildEvent } from '../../src/audit/event.js';
import { auditDraft } from './trail.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const T = Date.UTC(2026, 10, 28, 18, 4, 5, 123);

function eventIdAt(time: number): string {
  return buildEvent(auditDraft({ requestId: 'r', time }))!.eventId;
}

/** The millisecond a UUIDv7 carries in its first 48 bits. */
function millisecondOf(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

describe('audit event IDs', () => {
  it('are UUIDv7 carrying the millisecond of the call', () => {
    const id = eventIdAt(T);
    expect(id).toMatch(UUID_V7);
    expect(millisecondOf(id)).toBe(T);
  });

  it('differ for two events of the same millisecond', () => {
    const [first, second] = [eventIdAt(T), eventIdAt(T)];
    expect(first).not.toBe(second);
    expect(millisecondOf(second)).toBe(T);
  });

  it('carry each event its own millisecond when the calls alternate between two', () => {
    for (const time of [T, T + 1, T, T + 1_000_000]) expect(millisecondOf(eventIdAt(time))).toBe(time);
  });

  it('sort by time: a later millisecond sorts after an earlier one', () => {
    expect(eventIdAt(T + 1) > eventIdAt(T)).toBe(true);
  });
});
