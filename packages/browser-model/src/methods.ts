// The rules on the method script passes to fetch(): valid, forbidden, normalized, safelisted.

import { isToken } from './headers.js';

const NORMALIZED_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
const FORBIDDEN_METHODS = ['CONNECT', 'TRACE', 'TRACK'];
const SAFELISTED_METHODS = ['GET', 'HEAD', 'POST'];

/** Uppercases the six methods the standard normalizes; every other method keeps its case. */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALIZED_METHODS.includes(upper) ? upper : method;
}

export function isForbiddenMethod(method: string): boolean {
  return FORBIDDEN_METHODS.includes(method.toUpperCase());
}

export function isSafelistedMethod(method: string): boolean {
  return SAFELISTED_METHODS.includes(method);
}

/** Why fetch() throws for this method, or undefined when it accepts it. */
export function methodError(method: string): string | undefined {
  if (!isToken(method)) return `'${method}' is not a valid HTTP method`;
  if (isForbiddenMethod(method)) return `'${method}' HTTP method is unsupported (a forbidden method)`;
  return undefined;
}
