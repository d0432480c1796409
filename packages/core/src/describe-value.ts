// How an error names a value it received: short, unambiguous, never the whole of a long input.

const MAX_SHOWN = 80;

/** `'abc'`, `the RegExp /x/`, `a function`, `an array`, `number 42`, `null`, `undefined`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof RegExp) return `the RegExp ${String(value)}`;
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** A string in single quotes, shortened when long. */
function quote(text: string): string {
  return text.length <= MAX_SHOWN ? `'${text}'` : `'${text.slice(0, MAX_SHOWN)}...' (${text.length} characters)`;
}
