import { apiError } from '../errors/catalogue.js';
import type { ActionDef, Params } from '../services/action.js';

const INTEGER = /^-?\d{1,15}$/;

/**
 * Checks the action's declared parameters: required ones present and non-empty, integers and
 * booleans well formed. Name rules and ranges are the handler's (they have action-specific codes).
 */
export function validateParams(action: ActionDef<any>, params: Record<string, string>): Params {
  for (const [name, spec] of Object.entries(action.params)) {
    const value = params[name];
    if (value === undefined || value === '') {
      if (spec.required) throw apiError('MissingParameter', name);
      continue;
    }
    if (spec.type === 'integer' && !INTEGER.test(value)) throw apiError('InvalidParameter', name);
    if (spec.type === 'boolean' && !/^(true|false)$/i.test(value)) throw apiError('InvalidParameter', name);
  }
  return params;
}
