import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { randomAlnum } from '../../identity/ids.js';
import type { Database } from '../../store/store.js';

/** The sequences behind ARMS' numeric IDs (AppId, ContactId), one row each in `counters`. */
export type ArmsSequence = 'arms.app_id' | 'arms.contact_id';

/**
 * The next value of a sequence, global across accounts like ARMS' own IDs. The upsert takes the
 * counter's row lock on PostgreSQL until commit, so it also serializes the writers of one sequence:
 * a check made after it (an app name already taken) sees every earlier writer's committed row.
 */
export async function nextId(trx: Transaction<Database>, sequence: ArmsSequence): Promise<number> {
  const row = await trx
    .insertInto('counters')
    .values({ name: sequence, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql<number>`counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/** A Pid as ARMS shows them: ten lowercase letters and digits, `@`, fifteen hex digits (`b590lhguqs@28f515462bbc6d2`). */
export function newPid(): string {
  return `${randomAlnum(10).toLowerCase()}@${randomBytes(8).toString('hex').slice(0, 15)}`;
}
