// Why a browser following the Fetch Standard must refuse, read off what the server sent: the
// engine-neutral half of "blocked for its stated reason". Each exchange the recording proxy saw
// is put through the standard's CORS check (https://fetch.spec.whatwg.org/#cors-check) and, for
// a preflight, the CORS-preflight fetch's status, method and header checks
// (https://fetch.spec.whatwg.org/#cors-preflight-fetch); the first that fails is the reason.
// It is independent of the library: it reads raw headers, not Portcullis' decisions.

import type { PageAction, Refusal } from '../scenario-types.ts';
import { headerValue, isPreflight, type Exchange } from './recording-proxy.ts';

/** The request's credentials mode is "include" (cookies go, and the rules tighten). */
export function isCredentialed(action: PageAction): boolean {
  switch (action.kind) {
    case 'fetch':
      return action.credentials === 'include';
    case 'xhr':
      return action.withCredentials === true;
    // `crossorigin="anonymous"` and fonts are "same-origin" credentials mode.
    case 'font':
    case 'image':
      return false;
    // A form navigation sends the cookies, and no CORS check applies; the API page's fetch is
    // same-origin.
    case 'form':
    case 'api-page':
      return true;
  }
}

/**
 * A load without a CORS check of the page's own: a no-cors image, a no-cors fetch, a form
 * navigation, or the API's own page (its requests are same-origin).
 */
export function isNoCors(action: PageAction): boolean {
  switch (action.kind) {
    case 'image':
      return action.crossOrigin === null;
    case 'fetch':
      return action.mode === 'no-cors';
    case 'form':
    case 'api-page':
      return true;
    default:
      return false;
  }
}

/** A request the CORS check applies to: it carries Origin, and not its own host's origin. */
function isCrossOrigin(exchange: Exchange): boolean {
  const origin = exchange.requestHeaders.origin;
  return origin !== undefined && origin !== `http://${String(exchange.requestHeaders.host)}`;
}

const SAFELISTED_METHODS = new Set(['GET', 'HEAD', 'POST']);

function list(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter(Boolean);
}

function corsCheck(exchange: Exchange, credentialed: boolean): 'no-allow-origin' | 'allow-origin-mismatch' | 'wildcard-origin-with-credentials' | 'credentials-not-allowed' | undefined {
  const allowOrigin = headerValue(exchange, 'access-control-allow-origin');
  if (allowOrigin === null) return 'no-allow-origin';
  if (allowOrigin === '*') {
    if (credentialed) return 'wildcard-origin-with-credentials';
    return undefined;
  }
  if (allowOrigin !== String(exchange.requestHeaders.origin)) return 'allow-origin-mismatch';
  if (credentialed && headerValue(exchange, 'access-control-allow-credentials') !== 'true') return 'credentials-not-allowed';
  return undefined;
}

function preflightCheck(exchange: Exchange, credentialed: boolean): Refusal | undefined {
  const cors = corsCheck(exchange, credentialed);
  const ok = exchange.status !== undefined && exchange.status >= 200 && exchange.status <= 299;
  if (cors === 'no-allow-origin') return ok ? 'preflight-no-allow-origin' : 'preflight-refused';
  if (cors) return cors;
  if (!ok) return 'preflight-not-ok';
  const method = String(exchange.requestHeaders['access-control-request-method'] ?? '');
  const methods = list(headerValue(exchange, 'access-control-allow-methods'));
  const anyMethod = methods.includes('*') && !credentialed;
  if (!SAFELISTED_METHODS.has(method) && !methods.includes(method) && !anyMethod) return 'method-not-allowed';
  const allowed = new Set(list(headerValue(exchange, 'access-control-allow-headers')).map((h) => h.toLowerCase()));
  const anyHeader = allowed.has('*') && !credentialed;
  for (const name of list(String(exchange.requestHeaders['access-control-request-headers'] ?? ''))) {
    const lower = name.toLowerCase();
    // The wildcard never covers `authorization` (https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name).
    if (!allowed.has(lower) && !(anyHeader && lower !== 'authorization')) return 'header-not-allowed';
  }
  return undefined;
}

/** The refusal the exchanges call for, or undefined when every response passes. */
export function wireRefusal(action: PageAction, exchanges: readonly Exchange[]): Refusal | undefined {
  if (isNoCors(action)) return undefined;
  const credentialed = isCredentialed(action);
  for (const exchange of exchanges) {
    if (exchange.status === undefined) continue; // never answered: the judge reports it
    if (!isCrossOrigin(exchange)) continue;
    // `stream/release` is the page's own follow-up request, judged with the stream.
    const refusal = isPreflight(exchange) ? preflightCheck(exchange, credentialed) : corsCheck(exchange, credentialed);
    if (refusal) return refusal;
  }
  return undefined;
}
