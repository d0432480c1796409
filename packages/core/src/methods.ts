// Method names as browsers send them: fetch uppercases only six names and sends every other
// method byte for byte, so matching is case-sensitive after that normalisation.

import { isToken } from './http-tokens.js';
import { FORBIDDEN_METHODS, MAX_METHOD_LENGTH, NORMALIZED_METHODS } from './protocol.js';

const NORMALIZED = new Map<string, string>(NORMALIZED_METHODS.map((m) => [m.toLowerCase(), m]));

/** The method as a browser would send it: the six standard names uppercased, others as is. */
export function normalizeMethod(method: string): string {
  return NORMALIZED.get(method.toLowerCase()) ?? method;
}

/** Whether a browser refuses to send this method (compared case-insensitively, as fetch does). */
export function isForbiddenMethod(method: string): boolean {
  return FORBIDDEN_METHODS.has(method.toUpperCase());
}

/** Whether `method` is something a browser could send: a bounded token that is not forbidden. */
export function isSendableMethod(method: string): boolean {
  return method.length <= MAX_METHOD_LENGTH && isToken(method) && !isForbiddenMethod(method);
}

/**
 * The methods a route implements, as a browser sends them: normalised, de-duplicated, and
 * without anything a browser cannot send. Used for `withRouteMethods`, the same rules as
 * `allowMethods` but never an error (routes come from frameworks, not from the user).
 */
export function routeMethods(methods: Iterable<string>): string[] {
  const list: string[] = [];
  for (const raw of methods) {
    const method = normalizeMethod(raw);
    if (isSendableMethod(method) && !list.includes(method)) list.push(method);
  }
  return list;
}
