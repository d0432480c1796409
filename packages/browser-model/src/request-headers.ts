// The rules on the headers script sets: well formed (or fetch() throws) and not forbidden (or
// fetch() silently drops them).

import type { EngineProfile } from './engines.js';
import { isToken, lower, normalizeValue } from './headers.js';
import { isForbiddenMethod } from './methods.js';

/** Why fetch() throws for this header, or undefined when it is well formed. */
export function headerError(name: string, value: string): string | undefined {
  if (!isToken(name)) return `'${name}' is not a valid HTTP header name`;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0xff) return `the value of '${name}' has a character above U+00FF, which is not a byte`;
    if (c === 0x00 || c === 0x0a || c === 0x0d) return `the value of '${name}' contains a NUL, CR or LF`;
  }
  return undefined;
}

/**
 * https://fetch.spec.whatwg.org/#forbidden-request-header, written apart from core's copy on
 * purpose (this model judges core); core's tests check that the two agree.
 */
export const FORBIDDEN_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

/** Whether script can never set this header: a forbidden name, or one starting with `proxy-` or `sec-`. */
export function isForbiddenRequestHeader(name: string): boolean {
  const key = lower(name);
  return FORBIDDEN_REQUEST_HEADERS.has(key) || key.startsWith('proxy-') || key.startsWith('sec-');
}

const METHOD_OVERRIDES = new Set(['x-http-method', 'x-http-method-override', 'x-method-override']);

/** Why fetch() silently drops this header, or undefined when it sends it. */
export function dropReason(name: string, value: string, engine: EngineProfile): string | undefined {
  const key = lower(name);
  if (FORBIDDEN_REQUEST_HEADERS.has(key)) return `'${key}' is a forbidden request header: only the browser sets it`;
  if (key.startsWith('proxy-') || key.startsWith('sec-')) {
    return `names starting with '${key.slice(0, key.indexOf('-') + 1)}' are forbidden request headers`;
  }
  if (METHOD_OVERRIDES.has(key)) {
    for (const item of value.split(',')) {
      const method = normalizeValue(item);
      if (isForbiddenMethod(method)) return `'${key}' may not name the forbidden method ${method}`;
    }
  }
  if (engine.extraDroppedHeaders.includes(key)) {
    return `${engine.label} never lets script set '${key}' (the standard would send it)`;
  }
  return undefined;
}
