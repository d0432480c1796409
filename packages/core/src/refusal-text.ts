// The one renderer of refusals: a refusal is data (refusal codes in types.ts), and this turns
// it into what a developer reads in the Portcullis-Refusal header, a log line or an event.
// Only what the request itself revealed, plus the policy's public answer, is ever repeated,
// and only as visible ASCII of bounded length, so that a header value is always valid.

import { isToken } from './http-tokens.js';
import { MAX_ECHOED_NAME_LENGTH, MAX_ECHOED_ORIGIN_LENGTH, SAFELISTED_METHODS } from './protocol.js';
import type { CorsRefusal } from './types.js';

/** Whether every character of `text` is printable ASCII: visible, or also the space when `space`. */
function isPrintableAscii(text: string, space: boolean): boolean {
  const low = space ? 0x20 : 0x21;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < low || c > 0x7e) return false;
  }
  return true;
}

/** `'x-api-key'`, or undefined when the name is not one to repeat. */
function quoted(value: string): string | undefined {
  return value.length <= MAX_ECHOED_NAME_LENGTH && isToken(value) ? `'${value}'` : undefined;
}

/** The origin as it may be repeated, or a description of it. */
export function echoOrigin(origin: string | null): string {
  if (origin === null) return 'a request without Origin';
  if (origin.length <= MAX_ECHOED_ORIGIN_LENGTH && origin.length > 0 && isPrintableAscii(origin, false)) return origin;
  return `an unprintable Origin of ${origin.length} characters`;
}

/**
 * What an origin function returned, as described when it was refused: user code may return
 * anything, a string with CR/LF included, so it passes the same filter as origins (printable
 * ASCII, spaces allowed within a description, bounded).
 */
function echoReturned(returned: string): string {
  if (returned.length <= MAX_ECHOED_ORIGIN_LENGTH && isPrintableAscii(returned, true)) return returned;
  return 'a value that cannot be shown';
}

/** The methods as Access-Control-Allow-Methods lists them: the refusal carries that very list. */
function allowedMethods(allowed: readonly string[]): string {
  return allowed.length === 0 ? 'none listed; GET, HEAD and POST need no listing' : allowed.join(', ');
}

/** What was refused and how to fix it, each one line. */
export function explainRefusal(refusal: CorsRefusal): { readonly message: string; readonly fix: string } {
  switch (refusal.code) {
    case 'origin.not-allowed': {
      const origin = echoOrigin(refusal.origin);
      return { message: `origin ${origin} is not allowed`, fix: `add '${origin}' to origin if that site may read responses` };
    }
    case 'origin.null':
      return {
        message: "origin 'null' is never allowed (sandboxed iframes, data: and file: documents, cross-origin redirects)",
        fix: 'make the request from a page with a real origin, and list that origin',
      };
    case 'origin.malformed':
      return {
        message: `the Origin header (${echoOrigin(refusal.origin)}) is not a serialized origin`,
        fix: 'browsers never send such a value: check the client or proxy that set the Origin header',
      };
    case 'origin.function-result':
      return {
        message: `the origin function returned ${echoReturned(refusal.returned)} for ${echoOrigin(refusal.origin)}, which refuses it`,
        fix:
          refusal.returned === 'undefined'
            ? 'return true to allow the origin and false to refuse it (an Express-style (origin, callback) function is not supported: return the verdict, or a promise of it)'
            : 'return true to allow the origin and false to refuse it',
      };
    case 'method.not-allowed': {
      const method = quoted(refusal.method);
      const allowed = `(allowed: ${allowedMethods(refusal.allowed)})`;
      if (method === undefined) return { message: `the requested method is not allowed ${allowed}`, fix: 'add it to allowMethods' };
      const upper = refusal.method.toUpperCase();
      const caseOnly = upper !== refusal.method && (refusal.allowed.includes(upper) || SAFELISTED_METHODS.has(upper));
      return {
        message: `method ${method} is not allowed ${allowed}`,
        fix: caseOnly
          ? `methods are case-sensitive and browsers send ${method} as written: call fetch with method: '${upper}', or add ${method} to allowMethods`
          : `add ${method} to allowMethods`,
      };
    }
    case 'method.invalid': {
      const method = quoted(refusal.method);
      return {
        message: method === undefined ? 'the requested method is not one a browser can send' : `${method} is not a method a browser can send`,
        fix: 'browsers never send it: check the client that made the request',
      };
    }
    case 'header.not-allowed': {
      const header = quoted(refusal.header);
      return header === undefined
        ? { message: 'a requested header is not allowed', fix: 'add it to allowHeaders' }
        : { message: `request header ${header} is not allowed`, fix: `add ${header} to allowHeaders` };
    }
    case 'header.authorization-not-covered':
      return {
        message: "request header 'authorization' is not allowed: '*' never covers authorization",
        fix: "list it beside the wildcard: allowHeaders: ['*', 'authorization']",
      };
    case 'request-headers.malformed':
      return {
        message: `Access-Control-Request-Headers is not a list of header names (unexpected character at position ${refusal.position})`,
        fix: 'browsers never send this: check the client or proxy that set it',
      };
    case 'request-headers.too-long':
      return {
        message: `Access-Control-Request-Headers is ${refusal.length} characters long, over the limit of ${refusal.limit}`,
        fix: 'send fewer custom request headers',
      };
    case 'request-headers.too-many':
      return {
        message: `Access-Control-Request-Headers names more than ${refusal.limit} headers`,
        fix: 'send fewer custom request headers',
      };
    case 'write.cross-origin':
      return explainWrite(refusal);
  }
}

function explainWrite(refusal: Extract<CorsRefusal, { code: 'write.cross-origin' }>): { readonly message: string; readonly fix: string } {
  const site = refusal.secFetchSite === 'cross-site' || refusal.secFetchSite === 'same-site' ? refusal.secFetchSite : 'cross-origin';
  const method = quoted(refusal.method) === undefined ? 'request' : refusal.method;
  const from = refusal.origin === null ? 'without Origin refused: it names no allowed origin' : `from ${echoOrigin(refusal.origin)} refused: the origin is not allowed`;
  const hostNote = refusal.secFetchSite === null && refusal.host !== null ? `, and it is not the request's host ${echoOrigin(refusal.host)}` : '';
  return {
    message: `${site} ${method} ${from}${hostNote}`,
    fix:
      refusal.secFetchSite === null
        ? 'add the origin to origin if that site may write; behind a proxy that rewrites Host, make the request URL carry the public host; or set protectWrites: false'
        : 'add the origin to origin if that site may write, or set protectWrites: false',
  };
}
