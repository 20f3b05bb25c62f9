import type { RequestContext } from '../types.js';

type Value = string | string[];

/**
 * Case-insensitive reads of a request context. Callers usually spell keys as the policy does, so the
 * exact key is tried first; the lower-cased index is built only when that misses, once per request.
 */
export class ContextReader {
  private lowered: Map<string, Value> | undefined;

  constructor(private readonly context: RequestContext) {}

  get(key: string, lowerKey: string): Value | undefined {
    // hasOwn: a context key like "constructor" must not read Object.prototype.
    if (Object.hasOwn(this.context, key)) {
      const direct = this.context[key];
      if (direct !== undefined) return direct;
    }
    return this.loweredIndex().get(lowerKey);
  }

  private loweredIndex(): Map<string, Value> {
    if (this.lowered === undefined) {
      this.lowered = new Map();
      for (const [key, value] of Object.entries(this.context)) {
        if (value !== undefined) this.lowered.set(key.toLowerCase(), value);
      }
    }
    return this.lowered;
  }
}
