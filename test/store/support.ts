import type { Store } from '../../src/store/store.js';

/** Subscribes, and resolves `message` with the first payload delivered on the channel. */
export async function nextMessage(store: Store, channel: string): Promise<{ message: Promise<string> }> {
  let deliver: (payload: string) => void = () => undefined;
  const message = new Promise<string>((resolve) => (deliver = resolve));
  await store.subscribe(channel, (payload) => deliver(payload));
  return { message };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}
