// Parsing Access-Control-Request-Headers. Browsers send a lowercase, sorted, comma-separated
// list without spaces, but proxies and gateways rewrite it, so this accepts OWS, empty
// elements, mixed case and repeated header lines (joined with ", "). One pass, no regex, no
// split, and hard bounds so that an absurd value is refused in time proportional to the bound.

import { equalsLowerAt, isOws, isTokenChar } from './http-tokens.js';
import { MAX_REQUEST_HEADERS_COUNT, MAX_REQUEST_HEADERS_LENGTH, NEVER_WILDCARDED_REQUEST_HEADER } from './protocol.js';
import type { CorsRefusal } from './types.js';

/** Checks an Access-Control-Request-Headers value: undefined when every name is allowed. */
type RequestHeadersCheck = (value: string, origin: string) => CorsRefusal | undefined;

const COMMA = 0x2c;

// Short allow-lists are matched in place: slicing each name out of the value and hashing it
// costs more than comparing it with a few configured names, and an adversarial value is made
// of nothing but names.
const IN_PLACE_LIMIT = 8;

/** The lowercase header name at value[start, end). */
function nameAt(value: string, start: number, end: number, upper: boolean): string {
  const name = value.slice(start, end);
  return upper ? name.toLowerCase() : name;
}

function isListedAt(value: string, start: number, end: number, list: readonly string[]): boolean {
  for (let k = 0; k < list.length; k++) {
    if (equalsLowerAt(value, start, end, list[k]!)) return true;
  }
  return false;
}

/**
 * Compiles, once per policy, the check of every name in an Access-Control-Request-Headers
 * value against what the policy allows: `*` (every name but `authorization`) and lowercase
 * `names` (with the wildcard: `authorization` when listed). The check returns undefined when
 * all are allowed (an empty list included), or the refusal for the first one that is not.
 */
export function compileRequestHeadersCheck(wildcard: boolean, names: readonly string[]): RequestHeadersCheck {
  const set: ReadonlySet<string> = new Set(names);
  // The names as configured, for refusals.
  const listed = Object.freeze([...set]);
  const list = set.size <= IN_PLACE_LIMIT ? listed : null;

  /** The refusal of `header`: the wildcard's one exception, or a name that is simply not listed. */
  const refuse = (header: string, origin: string): CorsRefusal =>
    wildcard ? { code: 'header.authorization-not-covered', origin, header } : { code: 'header.not-allowed', origin, header, allowed: listed };

  return function checkRequestHeaders(value, origin) {
    const n = value.length;
    if (n > MAX_REQUEST_HEADERS_LENGTH) {
      return { code: 'request-headers.too-long', origin, length: n, limit: MAX_REQUEST_HEADERS_LENGTH };
    }
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
      if (i < n && c !== COMMA) return { code: 'request-headers.malformed', origin, position: i };
      i++; // past the comma
      if (end === start) continue; // empty element
      if (++count > MAX_REQUEST_HEADERS_COUNT) {
        return { code: 'request-headers.too-many', origin, limit: MAX_REQUEST_HEADERS_COUNT };
      }
      if (list !== null) {
        if (isListedAt(value, start, end, list)) continue;
        if (wildcard && !equalsLowerAt(value, start, end, NEVER_WILDCARDED_REQUEST_HEADER)) continue;
        return refuse(nameAt(value, start, end, upper), origin);
      }
      const name = nameAt(value, start, end, upper);
      if (set.has(name) || (wildcard && name !== NEVER_WILDCARDED_REQUEST_HEADER)) continue;
      return refuse(name, origin);
    }
    return undefined;
  };
}

/**
 * The requested names other than `refused`, lowercase, joined: what an explained refusal
 * under `allowHeaders: '*'` lists, since a `*` would let browsers cover the refused name.
 * Only called on that refusal, after checkRequestHeaders accepted the list's shape.
 */
export function requestedNamesExcept(value: string, refused: string): string {
  let out = '';
  let i = 0;
  const n = value.length;
  while (i < n) {
    while (i < n && (isOws(value.charCodeAt(i)) || value.charCodeAt(i) === COMMA)) i++;
    const start = i;
    while (i < n && isTokenChar(value.charCodeAt(i))) i++;
    if (i === start) {
      i++; // not a name: skip it rather than loop
      continue;
    }
    if (!equalsLowerAt(value, start, i, refused)) {
      const name = value.slice(start, i).toLowerCase();
      out = out === '' ? name : `${out}, ${name}`;
    }
  }
  return out;
}
