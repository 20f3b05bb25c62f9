// Plain decimal numbers, optionally with an exponent; JSON numbers in a policy are stringified first.
const NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** Parses a numeric condition value; NaN when it is not a number. */
export function parseNumber(text: string): number {
  return NUMBER.test(text) ? Number(text) : Number.NaN;
}

export function checkNumber(text: string): string | undefined {
  return Number.isNaN(parseNumber(text)) ? `'${text}' is not a number` : undefined;
}
