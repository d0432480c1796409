// What the scenario tables share: the origins and bodies they use, the refusals they expect and
// each engine's console line for them, and the write-protection fixtures.

import type { HeaderExpectation, PageOrigins, WriteExpectation } from '../scenario-types.ts';

export const ELSEWHERE = 'https://app.example.com';
export const DEFAULT_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
export const JSON_BODY = '{"item":1}';
export const COOKIE = 'session=conformance';

/** The page origin alone, with the core's defaults for everything else. */
export const pageOnly = ({ page }: PageOrigins) => ({ origin: page });

/**
 * WebKit fetches `@font-face` sources without CORS (no `Origin`, no check of the answer), so a
 * font loads whatever the API answers; the CSS Fonts standard requires a CORS fetch.
 */
export const WEBKIT_FONTS_WITHOUT_CORS =
  'WebKit loads web fonts in no-cors mode on purpose (https://lists.webkit.org/pipermail/webkit-dev/2011-January/015797.html), ' +
  'against CSS Fonts (https://drafts.csswg.org/css-fonts-4/#font-fetching-requirements): a CORS policy cannot keep a font from Safari';

export const once = { preflights: 0, actualRequests: 1 } as const;
export const preflightedOnce = { preflights: 1, actualRequests: 1 } as const;
export const refusedAtPreflight = { preflights: 1, actualRequests: 0 } as const;

// Why the browser refuses (src/scenario-types.ts `Refusal`; each engine's wording in
// src/harness/engine-reasons.ts).
export const NO_ACAO = { reason: 'no-allow-origin' } as const;
/** A refused preflight answered 403 without CORS headers: a refused origin, or `explainRefusals: false`. */
export const PREFLIGHT_REFUSED = { reason: 'preflight-refused' } as const;

// The whole console line each engine prints (src/harness/console-text.ts), measured on the
// engines of MATRIX.md. Chromium names the refused method or header, Firefox the header but
// not the method, WebKit both (headers in the case the script wrote them).
export const CHROMIUM_BLOCKED = "Access to fetch at '$url' from origin '$page' has been blocked by CORS policy: ";
export const FIREFOX_BLOCKED = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at $url. ';

/** A refused request header, explained: each engine names it. */
export function headerRefused(chromiumName: string, webkitName: string) {
  return {
    reason: 'header-not-allowed',
    console: {
      chromium: `${CHROMIUM_BLOCKED}Request header field ${chromiumName} is not allowed by Access-Control-Allow-Headers in preflight response.`,
      firefox: `${FIREFOX_BLOCKED}(Reason: header ‘${chromiumName}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`,
      webkit: `Request header field ${webkitName} is not allowed by Access-Control-Allow-Headers.`,
    },
  } as const;
}

/** A refused method, explained: Chromium and WebKit name it, Firefox does not. */
export function methodRefused(method: string) {
  return {
    reason: 'method-not-allowed',
    console: {
      chromium: `${CHROMIUM_BLOCKED}Method ${method} is not allowed by Access-Control-Allow-Methods in preflight response.`,
      firefox: `${FIREFOX_BLOCKED}(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).`,
      webkit: `Method ${method} is not allowed by Access-Control-Allow-Methods.`,
    },
  } as const;
}

/** A preflight refused with a bare 403 and no CORS header: every engine blames the origin or the status. */
export function preflight403(from: '$page' | '$other') {
  return {
    reason: 'preflight-refused',
    console: {
      chromium: `Access to fetch at '$url' from origin '${from}' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
      firefox: `${FIREFOX_BLOCKED}(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 403.`,
      webkit: 'Preflight response is not successful. Status code: 403',
    },
  } as const;
}

/**
 * The answer to a preflight refused for its method or a header (`explainRefusals`, the
 * default): the allowed origin, what is allowed, the reason, and nothing cacheable.
 */
export function explainedPreflight(refusal: string, extra: Record<string, HeaderExpectation> = {}): Record<string, HeaderExpectation> {
  return {
    'access-control-allow-origin': '$page',
    'access-control-max-age': null,
    'portcullis-refusal': refusal,
    ...extra,
  };
}

/** The answer to a preflight refused with `explainRefusals: false`: a bare 403, no reason. */
export const UNEXPLAINED_PREFLIGHT: Record<string, HeaderExpectation> = {
  'access-control-allow-origin': null,
  'access-control-allow-methods': null,
  'access-control-allow-headers': null,
  'access-control-max-age': null,
  'portcullis-refusal': null,
};

// Write protection (`protectWrites`, on with `credentials: true`): a state-changing request
// from a page the policy does not list never reaches the handler, however it is sent.
export const protectedWrites = ({ page }: PageOrigins) => ({ origin: page, credentials: true });
export const FORM_POST = { kind: 'form' } as const;
export const TEXT_POST = { kind: 'fetch', resource: 'write', method: 'POST', credentials: 'include', body: 'item=1', headers: { 'content-type': 'text/plain' } } as const;
export const NO_CORS_POST = { ...TEXT_POST, mode: 'no-cors' } as const;
/** The write from the second page: refused with the reason, the handler never runs. */
export const REFUSED_WRITE: WriteExpectation = {
  handlerRuns: 0,
  status: 403,
  refusal: 'cross-site POST from $other refused: the origin is not allowed',
  origin: '$other',
  secFetchSite: 'cross-site',
  cookieSent: true,
};
/** The same write from the allowed page: the handler runs. */
export const ALLOWED_WRITE: WriteExpectation = {
  handlerRuns: 1,
  status: 200,
  refusal: null,
  origin: '$page',
  secFetchSite: 'cross-site',
  cookieSent: true,
};
/** What the allowed page's write is answered with: CORS headers, though a form or no-cors page cannot read them. */
export const ALLOWED_WRITE_HEADERS = { 'access-control-allow-origin': '$page', 'access-control-allow-credentials': 'true' } as const;
/** A no-cors load: nothing to read, nothing to report. */
export const OPAQUE = { reason: null } as const;
