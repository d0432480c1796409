// Parsing Access-Control-Request-Headers. Browsers send a lowercase, sorted, comma-separated
// list without spaces, but proxies and gateways rewrite it, so this accepts OWS, empty
// elements, mixed case and repeated header lines (joined with ", "). One pass, no regex, no
// split, and hard bounds so that an absurd value is refused in time proportional to the bound.

import { isOws, isTokenChar } from './http-tokens.js';
import type { CorsRefusal } from './types.js';

/** Longest Access-Control-Request-Headers value accepted, in characters. */
export const MAX_REQUEST_HEADERS_LENGTH = 4096;
/** Most header names accepted in one preflight. */
export const MAX_REQUEST_HEADERS_COUNT = 100;

/** What a policy allows, in the form the parser checks against. */
export interface AllowedRequestHeaders {
  /** `*`: every name but `authorization`. */
  readonly wildcard: boolean;
  /** Lowercase names allowed by name (with the wildcard: `authorization` when listed). */
  readonly names: ReadonlySet<string>;
}

const COMMA = 0x2c;

/**
 * Checks every name in an Access-Control-Request-Headers value. Returns undefined when all are
 * allowed (an empty list included), or the refusal for the first one that is not.
 */
export function checkRequestHeaders(value: string, allowed: AllowedRequestHeaders): CorsRefusal | undefined {
  const n = value.length;
  if (n > MAX_REQUEST_HEADERS_LENGTH) {
    return {
      reason: 'oversized-request-headers',
      detail: `${n} characters, more than ${MAX_REQUEST_HEADERS_LENGTH}`,
    };
  }
  const { wildcard, names } = allowed;
  let count = 0;
  let i = 0;
  while (i < n) {
    let c = value.charCodeAt(i);
    while (isOws(c) && i < n) c = value.charCodeAt(++i);
    const start = i;
    let upper = false;
    while (i < n && isTokenChar(c)) {
      if (c >= 0x41 && c <= 0x5a) upper = true;
      c = value.charCodeAt(++i);
    }
    const end = i;
    while (isOws(c) && i < n) c = value.charCodeAt(++i);
    if (i < n && c !== COMMA) {
      return {
        reason: 'malformed-request-headers',
        detail: `unexpected character at position ${i}; expected a header name or a comma`,
      };
    }
    i++; // past the comma
    if (end === start) continue; // empty element
    if (++count > MAX_REQUEST_HEADERS_COUNT) {
      return {
        reason: 'oversized-request-headers',
        detail: `more than ${MAX_REQUEST_HEADERS_COUNT} header names`,
      };
    }
    let name = value.slice(start, end);
    if (upper) name = name.toLowerCase();
    if (names.has(name)) continue;
    if (wildcard && name !== 'authorization') continue;
    return { reason: 'header', header: name };
  }
  return undefined;
}
