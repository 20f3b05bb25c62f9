import { apiError } from '../../errors/catalogue.js';
import type { Params } from '../action.js';

/**
 * Readers for ARMS request parameters. ARMS answers ParameterMissing / ParameterIllegal (api-facts §6.3),
 * so its actions declare every parameter to the gateway as an optional string and read it here.
 */

export const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

export function requiredParam(params: Params, name: string): string {
  const value = params[name];
  if (!present(value)) throw apiError('ParameterMissing', name);
  return value;
}

/** Free text of at most `max` characters, without control characters (names, phone numbers, URLs). */
export const isText = (value: string, max: number): boolean => value.length <= max && !/\p{Cc}/u.test(value);

export function optionalText(params: Params, name: string, max: number): string | undefined {
  const value = params[name];
  if (!present(value)) return undefined;
  if (!isText(value, max)) throw apiError('ParameterIllegal', name, `At most ${max} characters, no control characters.`);
  return value;
}

export function requiredText(params: Params, name: string, max: number): string {
  return optionalText(params, name, max) ?? requiredParam(params, name);
}

/** Decimal integers only; IDs and page numbers stay far below 2^53. */
const INTEGER = /^\d{1,15}$/;

export function optionalInteger(params: Params, name: string, range: { min: number; max: number } = { min: 1, max: Number.MAX_SAFE_INTEGER }): number | undefined {
  const value = params[name];
  if (!present(value)) return undefined;
  const n = INTEGER.test(value) ? Number(value) : NaN;
  if (!(n >= range.min && n <= range.max)) throw apiError('ParameterIllegal', name);
  return n;
}

export function requiredInteger(params: Params, name: string, range?: { min: number; max: number }): number {
  return optionalInteger(params, name, range) ?? Number(requiredParam(params, name));
}

export function optionalBoolean(params: Params, name: string): boolean | undefined {
  const value = params[name];
  if (!present(value)) return undefined;
  if (!/^(true|false)$/i.test(value)) throw apiError('ParameterIllegal', name);
  return value.toLowerCase() === 'true';
}

export function oneOf<const T extends string>(params: Params, name: string, allowed: readonly T[]): T | undefined {
  const value = params[name];
  if (!present(value)) return undefined;
  const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (match === undefined) throw apiError('ParameterIllegal', name, `Valid values: ${allowed.join(', ')}.`);
  return match;
}

export function requiredOneOf<const T extends string>(params: Params, name: string, allowed: readonly T[]): T {
  requiredParam(params, name);
  return oneOf(params, name, allowed)!;
}

/** `ContactIds`: IDs separated by spaces or commas (api-facts §6.1). */
export function idList(params: Params, name: string): number[] | undefined {
  const value = params[name];
  if (!present(value)) return undefined;
  const parts = value.split(/[\s,]+/).filter((p) => p !== '');
  if (parts.length === 0 || !parts.every((p) => INTEGER.test(p))) throw apiError('ParameterIllegal', name);
  return parts.map(Number);
}

export interface Tag {
  Key: string;
  Value: string;
}

/** Alibaba's tag limit (Key and Value, 128 characters each). */
const TAG_CHARS = 128;

/** `Tags.N.Key` / `Tags.N.Value`, as pop-core and the generic client flatten a tag list; N from 1, in order. */
export function tagList(params: Params, prefix = 'Tags'): Tag[] {
  const tags: Tag[] = [];
  for (let n = 1; ; n++) {
    const key = params[`${prefix}.${n}.Key`];
    const value = params[`${prefix}.${n}.Value`];
    if (key === undefined && value === undefined) return tags;
    if (!present(key) || key.length > TAG_CHARS) throw apiError('ParameterIllegal', `${prefix}.${n}.Key`);
    if ((value ?? '').length > TAG_CHARS) throw apiError('ParameterIllegal', `${prefix}.${n}.Value`);
    tags.push({ Key: key, Value: value ?? '' });
  }
}
