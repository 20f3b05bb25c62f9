/**
 * A policy document that breaks the grammar. Internal to the engine: parsePolicy turns it into the
 * ApiError the calling API must return (the code depends on the policy kind), keeping the message.
 */
export class GrammarError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(path === '' ? reason : `${path}: ${reason}`);
    this.name = 'GrammarError';
  }
}
