// What every command shares: turning node:util's parse errors into one-line usage errors, and
// `name: value` header flags.

import type { Engine } from '@portcullis/browser-model';
import { UsageError } from '../errors.js';

/** Runs `parse`, turning node:util's parse errors into one-line usage errors. */
export function parsed<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(`${message.replace(/^Unknown option/, 'unknown option')} (see 'portcullis ${command} --help')`);
  }
}

/** The rules `--browser` may name. */
export const ENGINES: readonly Engine[] = ['chromium', 'firefox', 'standard'];

/** `value` when it is one of `allowed` (or absent); throws UsageError listing them. */
export function oneOf<T extends string>(value: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (value === undefined || allowed.includes(value as T)) return value as T | undefined;
  throw new UsageError(`${flag} must be ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}, not '${value}'`);
}

export function parseHeader(raw: string): [string, string] {
  const colon = raw.indexOf(':');
  const name = colon === -1 ? '' : raw.slice(0, colon).trim();
  if (name === '') throw new UsageError(`--header '${raw}' must be written 'name: value'`);
  return [name, raw.slice(colon + 1).trim()];
}

