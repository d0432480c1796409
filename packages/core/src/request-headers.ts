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
  /** The same names as a short list compared in place, or null when there are too many. */
  readonly inPlace: readonly string[] | null;
}

const COMMA = 0x2c;

// Short allow-lists are matched in place: slicing each name out of the value and hashing it
// costs more than comparing it with a few configured names, and an adversarial value is made
// of nothing but names.
const IN_PLACE_LIMIT = 8;

/** Prepares an allow-list for `checkRequestHeaders`, once, at configuration time. */
export function allowedRequestHeaders(wildcard: boolean, names: readonly string[]): AllowedRequestHeaders {
  const set = new Set(names);
  return { wildcard, names: set, inPlace: set.size <= IN_PLACE_LIMIT ? [...set] : null };
}

/** Whether value[start, end) equals `lowerName`, ASCII case-insensitively. */
function equalsAt(value: string, start: number, end: number, lowerName: string): boolean {
  if (end - start !== lowerName.length) return false;
  for (let j = 0; j < lowerName.length; j++) {
    let c = value.charCodeAt(start + j);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== lowerName.charCodeAt(j)) return false;
  }
  return true;
}

function isListedAt(value: string, start: number, end: number, list: readonly string[]): boolean {
  for (let k = 0; k < list.length; k++) {
    if (equalsAt(value, start, end, list[k]!)) return true;
  }
  return false;
}

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
  const { wildcard, names, inPlace: list } = allowed;
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
    if (list !== null) {
      if (isListedAt(value, start, end, list)) continue;
      if (wildcard && !equalsAt(value, start, end, 'authorization')) continue;
    }
    let name = value.slice(start, end);
    if (upper) name = name.toLowerCase();
    if (list === null && names.has(name)) continue;
    if (list === null && wildcard && name !== 'authorization') continue;
    return { reason: 'header', header: name };
  }
  return undefined;
}
