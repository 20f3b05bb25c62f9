import { expect, it } from 'vitest';
import { PeriodicWriter } from '../../src/store/periodic-writer.js';

/** A long interval: only explicit flushes write in these tests. */
const INTERVAL_MS = 60_000;

it('a flush writes the items collected from elsewhere with the ones added', async () => {
  const written: string[][] = [];
  let staged = ['packed-1', 'packed-2'];
  const writer = new PeriodicWriter<string>(INTERVAL_MS, async (items) => void written.push(items), () => undefined, () => staged.splice(0));
  writer.add('added');
  await writer.flush();
  staged = [];
  await writer.close();
  expect(written).toEqual([['added', 'packed-1', 'packed-2']]);
});

it('collected items whose write failed are written by the next flush', async () => {
  const written: string[][] = [];
  const errors: unknown[] = [];
  let fail = true;
  const staged = ['packed-1'];
  const writer = new PeriodicWriter<string>(
    INTERVAL_MS,
    async (items) => {
      if (fail) throw new Error('store unavailable');
      written.push(items);
    },
    (err) => errors.push(err),
    () => staged.splice(0),
  );
  await writer.flush();
  fail = false;
  staged.push('packed-2');
  await writer.close();
  expect(errors).toHaveLength(1);
  expect(written).toEqual([['packed-1', 'packed-2']]);
});
