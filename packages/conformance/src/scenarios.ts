// The conformance table: every target serves every scenario's policy under `/s/<name>/`, and
// every engine (Chromium, Firefox, WebKit) must agree with the expectation on every target.
// Rules are the Fetch Standard's (https://fetch.spec.whatwg.org/#http-cors-protocol); each
// blocked scenario names a readable control that differs only in the respect under test.

import type { HeaderExpectation, PageOrigins, Scenario, WriteExpectation } from './scenario-types.ts';

const ELSEWHERE = 'https://app.example.com';
const DEFAULT_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const JSON_BODY = '{"item":1}';
const COOKIE = 'session=conformance';

/** The page origin alone, with the core's defaults for everything else. */
const pageOnly = ({ page }: PageOrigins) => ({ origin: page });

/**
 * WebKit fetches `@font-face` sources without CORS (no `Origin`, no check of the answer), so a
 * font loads whatever the API answers; the CSS Fonts standard requires a CORS fetch.
 */
const WEBKIT_FONTS_WITHOUT_CORS =
  'WebKit loads web fonts in no-cors mode on purpose (https://lists.webkit.org/pipermail/webkit-dev/2011-January/015797.html), ' +
  'against CSS Fonts (https://drafts.csswg.org/css-fonts-4/#font-fetching-requirements): a CORS policy cannot keep a font from Safari';

const once = { preflights: 0, actualRequests: 1 } as const;
const preflightedOnce = { preflights: 1, actualRequests: 1 } as const;
const refusedAtPreflight = { preflights: 1, actualRequests: 0 } as const;

// Why the browser refuses (src/scenario-types.ts `Refusal`; each engine's wording in
// src/harness/engine-reasons.ts).
const NO_ACAO = { reason: 'no-allow-origin' } as const;
/** A refused preflight answered 403 without CORS headers: a refused origin, or `explainRefusals: false`. */
const PREFLIGHT_REFUSED = { reason: 'preflight-refused' } as const;

// The whole console line each engine prints (src/harness/console-text.ts), measured on the
// engines of MATRIX.md. Chromium names the refused method or header, Firefox the header but
// not the method, WebKit both (headers in the case the script wrote them).
const CHROMIUM_BLOCKED = "Access to fetch at '$url' from origin '$page' has been blocked by CORS policy: ";
const FIREFOX_BLOCKED = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at $url. ';

/** A refused request header, explained: each engine names it. */
function headerRefused(chromiumName: string, webkitName: string) {
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
function methodRefused(method: string) {
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
function preflight403(from: '$page' | '$other') {
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
function explainedPreflight(refusal: string, extra: Record<string, HeaderExpectation> = {}): Record<string, HeaderExpectation> {
  return {
    'access-control-allow-origin': '$page',
    'access-control-max-age': null,
    'portcullis-refusal': refusal,
    ...extra,
  };
}

/** The answer to a preflight refused with `explainRefusals: false`: a bare 403, no reason. */
const UNEXPLAINED_PREFLIGHT: Record<string, HeaderExpectation> = {
  'access-control-allow-origin': null,
  'access-control-allow-methods': null,
  'access-control-allow-headers': null,
  'access-control-max-age': null,
  'portcullis-refusal': null,
};

// Write protection (`protectWrites`, on with `credentials: true`): a state-changing request
// from a page the policy does not list never reaches the handler, however it is sent.
const protectedWrites = ({ page }: PageOrigins) => ({ origin: page, credentials: true });
const FORM_POST = { kind: 'form' } as const;
const TEXT_POST = { kind: 'fetch', resource: 'write', method: 'POST', credentials: 'include', body: 'item=1', headers: { 'content-type': 'text/plain' } } as const;
const NO_CORS_POST = { ...TEXT_POST, mode: 'no-cors' } as const;
/** The write from the second page: refused with the reason, the handler never runs. */
const REFUSED_WRITE: WriteExpectation = {
  handlerRuns: 0,
  status: 403,
  refusal: 'cross-site POST from $other refused: the origin is not allowed',
  origin: '$other',
  secFetchSite: 'cross-site',
  cookieSent: true,
};
/** The same write from the allowed page: the handler runs. */
const ALLOWED_WRITE: WriteExpectation = {
  handlerRuns: 1,
  status: 200,
  refusal: null,
  origin: '$page',
  secFetchSite: 'cross-site',
  cookieSent: true,
};
/** What the allowed page's write is answered with: CORS headers, though a form or no-cors page cannot read them. */
const ALLOWED_WRITE_HEADERS = { 'access-control-allow-origin': '$page', 'access-control-allow-credentials': 'true' } as const;
/** A no-cors load: nothing to read, nothing to report. */
const OPAQUE = { reason: null } as const;

export const scenarios: readonly Scenario[] = [
  // ── Simple requests and origin matching ──────────────────────────────────────────────────
  {
    name: 'simple-get-allowed',
    title: 'A simple GET from the allowed page is readable without a preflight',
    policy: pageOnly,
    action: { kind: 'fetch', readHeaders: ['x-total', 'content-language', 'content-type'] },
    expect: {
      readable: true,
      status: 200,
      echo: { method: 'GET', origin: '$page' },
      headers: { 'x-total': null, 'content-language': 'en', 'content-type': 'application/json' },
      sentHeaders: { vary: { includes: ['Origin'] } },
      ...once,
    },
  },
  {
    name: 'simple-get-disallowed-origin',
    title: 'A simple GET from an origin the policy does not list is blocked',
    policy: () => ({ origin: ELSEWHERE }),
    action: { kind: 'fetch' },
    expect: { readable: NO_ACAO, sentHeaders: { 'access-control-allow-origin': null }, ...once },
    control: 'simple-get-allowed',
  },
  {
    name: 'second-page-origin-blocked',
    title: 'The second page origin is not the allowed one: blocked, and nothing is reflected to it',
    policy: pageOnly,
    from: 'other-page',
    action: { kind: 'fetch' },
    expect: {
      readable: {
        reason: 'no-allow-origin',
        console: {
          chromium: "Access to fetch at '$url' from origin '$other' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
          firefox: `${FIREFOX_BLOCKED}(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`,
          webkit: 'Origin $other is not allowed by Access-Control-Allow-Origin. Status code: 200',
        },
      },
      // The handler ran and answered; only the browser keeps its answer from the page.
      sentHeaders: { 'access-control-allow-origin': null, vary: { includes: ['Origin'] }, 'portcullis-refusal': null },
      ...once,
    },
    control: 'simple-get-allowed',
    troubleshooting: {
      kind: 'the origin is not allowed (a simple request)',
      means:
        'the page’s origin is not in `origin`: the server answered (your handler ran) but without `Access-Control-Allow-Origin`, so the browser hides the answer from the script',
      change: 'add the page’s exact origin (scheme, host and port, no trailing slash) to `origin`; `onRefusal` shows the origin the server received',
    },
  },
  {
    name: 'origin-wildcard',
    title: "origin '*' answers the literal '*' and needs no Vary: Origin",
    policy: () => ({ origin: '*' }),
    action: { kind: 'fetch' },
    expect: {
      readable: true,
      status: 200,
      echo: { origin: '$page' },
      sentHeaders: { 'access-control-allow-origin': '*' },
      ...once,
    },
  },
  {
    name: 'origin-wildcard-second-page',
    title: "origin '*' lets the second page origin read too",
    policy: () => ({ origin: '*' }),
    from: 'other-page',
    action: { kind: 'fetch' },
    expect: { readable: true, status: 200, echo: { origin: '$other' }, ...once },
  },
  {
    name: 'origin-wildcard-without-origin',
    title: "origin '*' answers '*' to a request without Origin too (a navigation), the same answer for everyone",
    policy: () => ({ origin: '*' }),
    // The API's own page: its navigation carries no Origin, its same-origin POST does.
    action: { kind: 'api-page' },
    expect: {
      readable: true,
      status: 200,
      sentHeaders: { 'access-control-allow-origin': '*' },
      write: { handlerRuns: 1, status: 200, refusal: null, origin: '$api', secFetchSite: 'same-origin', cookieSent: true },
      preflights: 0,
      actualRequests: 2,
    },
  },
  {
    name: 'origin-list',
    title: 'An origin list allows its second entry',
    policy: ({ page }) => ({ origin: [ELSEWHERE, page] }),
    action: { kind: 'fetch' },
    expect: { readable: true, status: 200, sentHeaders: { 'access-control-allow-origin': '$page' }, ...once },
  },
  {
    name: 'origin-any-port-pattern',
    title: "The pattern 'http://localhost:*' allows the page on its port",
    policy: () => ({ origin: 'http://localhost:*' }),
    action: { kind: 'fetch' },
    expect: { readable: true, status: 200, ...once },
  },
  {
    name: 'origin-regexp',
    title: 'An anchored RegExp allows the page',
    policy: () => ({ origin: /^http:\/\/localhost:\d+$/ }),
    action: { kind: 'fetch' },
    expect: { readable: true, status: 200, ...once },
  },
  {
    name: 'origin-function',
    title: 'An origin function that accepts the page',
    policy: ({ page }) => ({ origin: (origin: string) => origin === page }),
    action: { kind: 'fetch' },
    expect: { readable: true, status: 200, ...once },
  },
  {
    name: 'origin-async-function',
    title: 'An asynchronous origin function that accepts the page',
    policy: ({ page }) => ({ origin: async (origin: string) => origin === page }),
    action: { kind: 'fetch', method: 'PUT' },
    expect: { readable: true, status: 200, echo: { method: 'PUT' }, ...preflightedOnce },
  },
  {
    name: 'origin-function-refuses',
    title: 'An origin function that refuses the page: blocked',
    policy: ({ other }) => ({ origin: (origin: string) => origin === other }),
    action: { kind: 'fetch' },
    expect: { readable: NO_ACAO, sentHeaders: { 'access-control-allow-origin': null }, ...once },
    control: 'origin-function',
  },
  {
    name: 'origin-lookalike-blocked',
    title: 'A configured origin that is a prefix of the page origin does not match it',
    // The page's port without its last digit: a startsWith or substring match lets the page in.
    policy: ({ page }) => ({ origin: page.slice(0, -1) }),
    action: { kind: 'fetch' },
    expect: { readable: NO_ACAO, sentHeaders: { 'access-control-allow-origin': null }, ...once },
    control: 'simple-get-allowed',
  },
  {
    name: 'simple-post-text',
    title: 'A text/plain POST is simple: no preflight, body delivered',
    policy: pageOnly,
    action: { kind: 'fetch', method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } },
    expect: { readable: true, status: 200, echo: { method: 'POST', body: 'hello' }, ...once },
  },
  {
    name: 'head-request',
    title: 'A HEAD request is simple and its headers readable',
    policy: ({ page }) => ({ origin: page, exposeHeaders: ['x-total'] }),
    action: { kind: 'fetch', method: 'HEAD', readHeaders: ['x-total'] },
    expect: { readable: true, status: 200, headers: { 'x-total': '42' }, ...once },
  },

  // ── Preflighted methods ──────────────────────────────────────────────────────────────────
  {
    name: 'json-post-preflighted',
    title: 'A JSON POST is preflighted (content-type application/json is not safelisted) and allowed',
    policy: pageOnly,
    action: { kind: 'fetch', method: 'POST', body: JSON_BODY, headers: { 'content-type': 'application/json' } },
    expect: {
      readable: true,
      status: 200,
      echo: { method: 'POST', 'content-type': 'application/json', body: JSON_BODY },
      ...preflightedOnce,
    },
  },
  {
    name: 'json-post-content-type-not-allowed',
    title: 'A JSON POST whose content-type is not in allowHeaders: the explained refusal names content-type',
    policy: ({ page }) => ({ origin: page, allowHeaders: ['x-user'] }),
    action: { kind: 'fetch', method: 'POST', body: JSON_BODY, headers: { 'content-type': 'application/json' } },
    expect: {
      readable: headerRefused('content-type', 'Content-Type'),
      preflightHeaders: explainedPreflight("request header 'content-type' is not allowed", {
        'access-control-allow-headers': { excludes: ['content-type', '*'] },
      }),
      ...refusedAtPreflight,
    },
    control: 'json-post-preflighted',
    troubleshooting: {
      kind: 'content-type is not allowed (a JSON request)',
      means:
        '`content-type: application/json` is not one of the three simple types, so the browser asks first; `allowHeaders` (by default `content-type` alone) was set without it',
      change: "keep `content-type` in `allowHeaders` when you set it, e.g. `allowHeaders: ['content-type', 'x-user']`",
    },
  },
  {
    name: 'put-allowed',
    title: 'PUT is preflighted and allowed by the default methods',
    policy: pageOnly,
    action: { kind: 'fetch', method: 'PUT', body: 'v' },
    expect: { readable: true, status: 200, echo: { method: 'PUT', body: 'v' }, ...preflightedOnce },
  },
  {
    name: 'put-not-allowed',
    title: 'PUT missing from allowMethods: the explained refusal lists the allowed methods, and the browser names PUT',
    policy: ({ page }) => ({ origin: page, allowMethods: ['GET', 'POST', 'DELETE'] }),
    action: { kind: 'fetch', method: 'PUT', body: 'v' },
    expect: {
      readable: methodRefused('PUT'),
      preflightHeaders: explainedPreflight("method 'PUT' is not allowed (allowed: GET, POST, DELETE)", {
        'access-control-allow-methods': { excludes: ['PUT', '*'] },
      }),
      ...refusedAtPreflight,
    },
    control: 'put-allowed',
    troubleshooting: {
      kind: 'a method is not allowed',
      means:
        'the origin is allowed but the method is not in `allowMethods`: Portcullis answered the preflight with the methods it allows, so the browser names the refused one (Firefox does not) and never sends the request',
      change: 'add the method to `allowMethods` (`GET`, `HEAD` and `POST` never need listing)',
    },
  },
  {
    name: 'put-not-allowed-unexplained',
    title: 'The same refusal with explainRefusals: false: a bare 403, which the browsers blame on the origin or the status',
    policy: ({ page }) => ({ origin: page, allowMethods: ['GET', 'POST', 'DELETE'], explainRefusals: false }),
    action: { kind: 'fetch', method: 'PUT', body: 'v' },
    expect: { readable: preflight403('$page'), preflightHeaders: UNEXPLAINED_PREFLIGHT, ...refusedAtPreflight },
    control: 'put-allowed',
  },
  {
    name: 'preflight-origin-not-allowed',
    title: 'A preflighted PUT from an origin the policy does not list: a 403 without CORS headers, and the browser blames the origin',
    policy: pageOnly,
    from: 'other-page',
    action: { kind: 'fetch', method: 'PUT', body: 'v' },
    expect: {
      readable: preflight403('$other'),
      preflightHeaders: {
        'access-control-allow-origin': null,
        'access-control-max-age': null,
        'portcullis-refusal': 'origin $other is not allowed',
      },
      ...refusedAtPreflight,
    },
    control: 'put-allowed',
    troubleshooting: {
      kind: 'the origin is not allowed (a preflighted request)',
      means:
        'the page’s origin is not in `origin`: Portcullis refused the preflight with a `403` and no CORS header, so the browser never sent the request (WebKit reports the status, the others the missing header)',
      change: 'add the page’s exact origin (scheme, host and port, no trailing slash) to `origin`; the `Portcullis-Refusal` header of the OPTIONS answer names the origin the server received',
    },
  },
  {
    name: 'delete-allowed',
    title: 'DELETE is preflighted and allowed by the default methods',
    policy: pageOnly,
    action: { kind: 'fetch', method: 'DELETE' },
    expect: { readable: true, status: 200, echo: { method: 'DELETE' }, ...preflightedOnce },
  },
  {
    name: 'delete-not-allowed',
    title: 'DELETE missing from allowMethods: refused, and the browser names DELETE',
    policy: ({ page }) => ({ origin: page, allowMethods: ['PUT'] }),
    action: { kind: 'fetch', method: 'DELETE' },
    expect: {
      readable: methodRefused('DELETE'),
      preflightHeaders: explainedPreflight("method 'DELETE' is not allowed (allowed: PUT)", {
        'access-control-allow-methods': { excludes: ['DELETE', '*'] },
      }),
      ...refusedAtPreflight,
    },
    control: 'delete-allowed',
  },
  {
    name: 'patch-uppercase-allowed',
    title: 'PATCH (uppercase) matches PATCH in the default methods',
    policy: pageOnly,
    action: { kind: 'fetch', method: 'PATCH', body: 'p' },
    expect: { readable: true, status: 200, echo: { method: 'PATCH' }, ...preflightedOnce },
  },
  {
    name: 'patch-lowercase-blocked',
    title: "fetch(method: 'patch') is sent as 'patch', which PATCH does not match: refused, and the browser names patch",
    // The default methods, written out: Next's route modules and Bun's method tables advertise
    // a route's own methods unless allowMethods is set, and the refusal lists what is allowed.
    policy: ({ page }) => ({ origin: page, allowMethods: DEFAULT_METHODS }),
    action: { kind: 'fetch', method: 'patch', body: 'p' },
    expect: {
      readable: methodRefused('patch'),
      // The allowed list holds PATCH, which is not patch: methods are compared case-sensitively.
      preflightHeaders: explainedPreflight("method 'patch' is not allowed (allowed: GET, HEAD, POST, PUT, PATCH, DELETE)", {
        'access-control-allow-methods': { excludes: ['*'] },
      }),
      requestMethod: 'patch',
      ...refusedAtPreflight,
    },
    control: 'patch-uppercase-allowed',
    troubleshooting: {
      kind: 'a lowercase method',
      means:
        "browsers uppercase only `DELETE GET HEAD OPTIONS POST PUT`: `fetch(url, { method: 'patch' })` sends `patch`, which `PATCH` in `allowMethods` does not match",
      change: "write `method: 'PATCH'` in the `fetch` call (or, rarely, list `'patch'` in `allowMethods`)",
    },
  },
  {
    name: 'allow-methods-wildcard',
    title: "allowMethods '*' allows any method without credentials",
    policy: ({ page }) => ({ origin: page, allowMethods: '*' }),
    action: { kind: 'fetch', method: 'DELETE' },
    expect: { readable: true, status: 200, echo: { method: 'DELETE' }, ...preflightedOnce },
  },
  {
    name: 'preflight-status-200',
    title: 'preflightStatus 200 is a valid preflight answer',
    policy: ({ page }) => ({ origin: page, preflightStatus: 200 }),
    action: { kind: 'fetch', method: 'PUT', body: 'v' },
    expect: { readable: true, status: 200, echo: { method: 'PUT' }, ...preflightedOnce },
  },
  {
    name: 'options-non-preflight-reaches-handler',
    title: 'An OPTIONS request without Access-Control-Request-Method reaches the application',
    // A script's OPTIONS is itself preflighted; the actual OPTIONS must then reach the handler.
    policy: ({ page }) => ({ origin: page, allowMethods: [...DEFAULT_METHODS, 'OPTIONS'] }),
    action: { kind: 'fetch', method: 'OPTIONS' },
    expect: { readable: true, status: 200, echo: { method: 'OPTIONS' }, ...preflightedOnce },
  },

  // ── Request headers ──────────────────────────────────────────────────────────────────────
  {
    name: 'x-user-allowed',
    title: 'A custom X-User header listed in allowHeaders is preflighted and delivered',
    policy: ({ page }) => ({ origin: page, allowHeaders: ['x-user'] }),
    action: { kind: 'fetch', headers: { 'X-User': 'alice' } },
    expect: { readable: true, status: 200, echo: { 'x-user': 'alice' }, ...preflightedOnce },
  },
  {
    name: 'x-user-not-allowed',
    title: 'X-User not in allowHeaders: the explained refusal lists the allowed headers, and the browser names x-user',
    policy: pageOnly,
    action: { kind: 'fetch', headers: { 'X-User': 'alice' } },
    expect: {
      readable: headerRefused('x-user', 'X-User'),
      preflightHeaders: explainedPreflight("request header 'x-user' is not allowed", {
        'access-control-allow-headers': 'content-type',
      }),
      ...refusedAtPreflight,
    },
    control: 'x-user-allowed',
    troubleshooting: {
      kind: 'a request header is not allowed',
      means:
        'the origin is allowed but a header the script sets is not in `allowHeaders`: Portcullis answered the preflight with the headers it allows, so the browser names the refused one and never sends the request',
      change: 'add the header to `allowHeaders` (names are case-insensitive), or stop sending it',
    },
  },
  {
    name: 'x-user-not-allowed-unexplained',
    title: 'The same refusal with explainRefusals: false: a bare 403, which the browsers blame on the origin or the status',
    policy: ({ page }) => ({ origin: page, explainRefusals: false }),
    action: { kind: 'fetch', headers: { 'X-User': 'alice' } },
    expect: { readable: preflight403('$page'), preflightHeaders: UNEXPLAINED_PREFLIGHT, ...refusedAtPreflight },
    control: 'x-user-allowed',
    troubleshooting: {
      kind: 'a preflight refused with explainRefusals: false',
      means:
        'the preflight was answered with a bare `403` and no CORS header, as `explainRefusals: false` answers every refused preflight: the browser blames the origin (Chromium, Firefox) or the status (WebKit), whatever the server refused',
      change: 'look at the server side: `onRefusal` (or the `Portcullis-Refusal` header with `explainRefusals` on) says whether the origin, the method or a header was refused',
    },
  },
  {
    name: 'x-user-wildcard',
    title: "allowHeaders '*' covers X-User",
    policy: ({ page }) => ({ origin: page, allowHeaders: '*' }),
    action: { kind: 'fetch', headers: { 'X-User': 'alice' } },
    expect: { readable: true, status: 200, echo: { 'x-user': 'alice' }, ...preflightedOnce },
  },
  {
    name: 'authorization-wildcard-blocked',
    title: "allowHeaders '*' never covers Authorization: the explained refusal lists the other names, never '*'",
    policy: ({ page }) => ({ origin: page, allowHeaders: '*' }),
    action: { kind: 'fetch', headers: { Authorization: 'Bearer t0k3n' } },
    expect: {
      readable: headerRefused('authorization', 'Authorization'),
      // Chromium and Firefox let `*` cover authorization: a `*` here would let the request through.
      preflightHeaders: explainedPreflight("request header 'authorization' is not allowed: '*' never covers authorization", {
        'access-control-allow-headers': { excludes: ['authorization', '*'] },
      }),
      ...refusedAtPreflight,
    },
    control: 'authorization-listed',
    troubleshooting: {
      kind: "authorization under allowHeaders: '*'",
      means:
        "the Fetch Standard never lets `*` cover `authorization`, so `allowHeaders: '*'` does not allow it; Portcullis answered with the other names, never `*` (which Chromium and Firefox would wrongly accept)",
      change: "list it beside the wildcard: `allowHeaders: ['*', 'authorization']`",
    },
  },
  {
    name: 'authorization-listed',
    title: "allowHeaders ['*', 'authorization'] allows Authorization",
    policy: ({ page }) => ({ origin: page, allowHeaders: ['*', 'authorization'] }),
    action: { kind: 'fetch', headers: { Authorization: 'Bearer t0k3n' } },
    expect: { readable: true, status: 200, echo: { authorization: 'Bearer t0k3n' }, ...preflightedOnce },
  },
  {
    name: 'two-headers-allowed',
    title: 'Two custom headers, configured in mixed case, both allowed',
    policy: ({ page }) => ({ origin: page, allowHeaders: ['X-User', 'X-Trace'] }),
    action: { kind: 'fetch', headers: { 'X-User': 'alice', 'X-Trace': 't1' } },
    expect: { readable: true, status: 200, echo: { 'x-user': 'alice', 'x-trace': 't1' }, ...preflightedOnce },
  },
  {
    name: 'one-of-two-headers-not-allowed',
    title: 'One custom header of two missing from allowHeaders: the browser names the refused one, x-trace',
    policy: ({ page }) => ({ origin: page, allowHeaders: ['x-user'] }),
    action: { kind: 'fetch', headers: { 'X-User': 'alice', 'X-Trace': 't1' } },
    expect: {
      readable: headerRefused('x-trace', 'X-Trace'),
      preflightHeaders: explainedPreflight("request header 'x-trace' is not allowed", {
        'access-control-allow-headers': { excludes: ['x-trace', '*'] },
      }),
      ...refusedAtPreflight,
    },
    control: 'two-headers-allowed',
    troubleshooting: {
      kind: 'one header of several is not allowed',
      means: 'the browser names the first refused header; the others may be allowed, or refused too',
      change: 'add the named header to `allowHeaders`; `Portcullis-Refusal` names the one the server refused',
    },
  },

  // ── Credentials ──────────────────────────────────────────────────────────────────────────
  {
    name: 'credentials-cookie-allowed',
    title: "credentials: 'include' with a cookie, allowed with credentials: true",
    policy: ({ page }) => ({ origin: page, credentials: true }),
    action: { kind: 'fetch', credentials: 'include' },
    expect: {
      readable: true,
      status: 200,
      echo: { cookie: COOKIE },
      sentHeaders: { 'access-control-allow-credentials': 'true', 'access-control-allow-origin': '$page' },
      ...once,
    },
  },
  {
    name: 'credentials-wildcard-origin-blocked',
    title: "A credentialed request to an origin '*' policy is blocked (ACAO '*' never passes with credentials)",
    policy: () => ({ origin: '*' }),
    action: { kind: 'fetch', credentials: 'include' },
    expect: {
      readable: {
        reason: 'wildcard-origin-with-credentials',
        console: {
          chromium: `${CHROMIUM_BLOCKED}The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`,
          // Firefox quotes the URL here, and only here.
          firefox: 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘$url’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).',
          webkit: 'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.',
        },
      },
      cookieSent: true,
      ...once,
    },
    control: 'credentials-cookie-allowed',
    troubleshooting: {
      kind: "cookies sent to origin: '*'",
      means:
        "the script sends credentials (`credentials: 'include'`, `withCredentials`) and the answer is `Access-Control-Allow-Origin: *`, which never passes with credentials",
      change: "list the origins and set `credentials: true` (Portcullis refuses `origin: '*'` with credentials), or call `fetch` without `credentials: 'include'`",
    },
  },
  {
    name: 'credentials-not-enabled-blocked',
    title: 'A credentialed request to a policy without credentials: true is blocked',
    policy: pageOnly,
    action: { kind: 'fetch', credentials: 'include' },
    expect: {
      readable: {
        reason: 'credentials-not-allowed',
        console: {
          chromium: `${CHROMIUM_BLOCKED}The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.`,
          firefox: `${FIREFOX_BLOCKED}(Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).`,
          webkit: 'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".',
        },
      },
      cookieSent: true,
      sentHeaders: { 'access-control-allow-credentials': null },
      ...once,
    },
    control: 'credentials-cookie-allowed',
    troubleshooting: {
      kind: 'cookies sent without credentials: true',
      means:
        "the script sends credentials (`credentials: 'include'`, `withCredentials`) and the policy does not allow them: the answer has no `Access-Control-Allow-Credentials: true`",
      change: "set `credentials: true` in the policy if the API uses cookies (its origins must then be listed, never `'*'`), or call `fetch` without `credentials: 'include'`",
    },
  },
  {
    name: 'credentials-omitted-wildcard',
    title: "Without credentials, '*' is readable and no cookie is sent",
    policy: () => ({ origin: '*' }),
    action: { kind: 'fetch', credentials: 'omit' },
    expect: { readable: true, status: 200, echo: { cookie: null }, ...once },
  },
  {
    name: 'credentials-preflighted-put',
    title: 'A credentialed JSON PUT: the preflight (without cookies) and the actual request both pass',
    policy: ({ page }) => ({ origin: page, credentials: true }),
    action: {
      kind: 'fetch',
      method: 'PUT',
      credentials: 'include',
      body: JSON_BODY,
      headers: { 'content-type': 'application/json' },
    },
    expect: { readable: true, status: 200, echo: { method: 'PUT', cookie: COOKIE }, ...preflightedOnce },
  },
  {
    name: 'credentials-wildcard-headers-reflected',
    title: "With credentials, allowHeaders '*' still lets X-User through (a literal '*' would not)",
    policy: ({ page }) => ({ origin: page, credentials: true, allowHeaders: '*', allowMethods: '*' }),
    action: { kind: 'fetch', method: 'PUT', credentials: 'include', headers: { 'X-User': 'alice' } },
    expect: { readable: true, status: 200, echo: { 'x-user': 'alice', cookie: COOKIE }, ...preflightedOnce },
  },
  {
    name: 'xhr-with-credentials',
    title: 'XMLHttpRequest withCredentials, allowed',
    policy: ({ page }) => ({ origin: page, credentials: true }),
    action: { kind: 'xhr', withCredentials: true },
    expect: { readable: true, status: 200, echo: { cookie: COOKIE }, ...once },
  },

  // ── Response headers ─────────────────────────────────────────────────────────────────────
  {
    name: 'exposed-header-readable',
    title: 'A header listed in exposeHeaders is readable; another is not',
    policy: ({ page }) => ({ origin: page, exposeHeaders: ['X-Total'] }),
    action: { kind: 'fetch', readHeaders: ['x-total', 'x-secret'] },
    expect: { readable: true, status: 200, headers: { 'x-total': '42', 'x-secret': null }, ...once },
  },
  {
    name: 'unexposed-header-hidden',
    title: 'Without exposeHeaders a header the server sent stays hidden; safelisted ones are readable',
    policy: pageOnly,
    action: { kind: 'fetch', readHeaders: ['x-total', 'content-language', 'content-type'] },
    expect: {
      readable: true,
      status: 200,
      headers: { 'x-total': null, 'content-language': 'en', 'content-type': 'application/json' },
      // Hidden by the browser, not missing: the server did send it.
      sentHeaders: { 'x-total': '42' },
      ...once,
    },
  },
  {
    name: 'expose-headers-wildcard',
    title: "exposeHeaders '*' exposes every header without credentials",
    policy: ({ page }) => ({ origin: page, exposeHeaders: '*' }),
    action: { kind: 'fetch', readHeaders: ['x-total', 'x-secret'] },
    expect: { readable: true, status: 200, headers: { 'x-total': '42', 'x-secret': 's3cret' }, ...once },
  },
  {
    name: 'vary-merged',
    title: "Vary: Origin is merged with the application's own Vary, never overwriting it",
    policy: ({ page }) => ({ origin: page, exposeHeaders: ['vary'] }),
    action: { kind: 'fetch', readHeaders: ['vary'] },
    expect: { readable: true, status: 200, headers: { vary: { includes: ['Accept-Encoding', 'Origin'] } }, ...once },
  },
  {
    name: 'xhr-exposed-header',
    title: 'XMLHttpRequest reads an exposed header',
    policy: ({ page }) => ({ origin: page, exposeHeaders: ['x-total'] }),
    action: { kind: 'xhr', readHeaders: ['x-total', 'x-secret'] },
    expect: { readable: true, status: 200, headers: { 'x-total': '42', 'x-secret': null }, ...once },
  },
  {
    name: 'xhr-disallowed-origin',
    title: 'XMLHttpRequest from a page the policy does not list is blocked',
    policy: ({ other }) => ({ origin: other, exposeHeaders: ['x-total'] }),
    action: { kind: 'xhr', readHeaders: ['x-total', 'x-secret'] },
    expect: { readable: NO_ACAO, ...once },
    control: 'xhr-exposed-header',
  },
  {
    name: 'xhr-put-preflighted',
    title: 'XMLHttpRequest PUT with JSON is preflighted and allowed',
    policy: pageOnly,
    action: { kind: 'xhr', method: 'PUT', body: JSON_BODY, headers: { 'content-type': 'application/json' } },
    expect: { readable: true, status: 200, echo: { method: 'PUT', body: JSON_BODY }, ...preflightedOnce },
  },

  // ── Redirects, streaming, errors ─────────────────────────────────────────────────────────
  {
    name: 'redirect-same-origin',
    title: 'A 302 to the same API origin is followed; both responses pass the CORS check',
    policy: pageOnly,
    action: { kind: 'fetch', resource: 'redirect' },
    expect: { readable: true, status: 200, redirected: true, echo: { origin: '$page' }, preflights: 0, actualRequests: 2 },
  },
  {
    name: 'redirect-cross-origin-taints-origin',
    title: 'After a redirect to another origin the browser sends Origin: null, which the policy refuses',
    policy: pageOnly,
    action: { kind: 'fetch', resource: 'redirect-cross-origin' },
    expect: { readable: NO_ACAO, preflights: 0, actualRequests: 2 },
    control: 'redirect-cross-origin-wildcard',
  },
  {
    name: 'redirect-cross-origin-wildcard',
    title: "After a cross-origin redirect, origin '*' still lets the page read (Origin: null)",
    policy: () => ({ origin: '*' }),
    action: { kind: 'fetch', resource: 'redirect-cross-origin' },
    expect: { readable: true, status: 200, redirected: true, echo: { origin: 'null' }, preflights: 0, actualRequests: 2 },
  },
  {
    name: 'streamed-response-incremental',
    title: 'A streamed response reaches the page chunk by chunk (the CORS layer does not buffer it)',
    policy: pageOnly,
    action: { kind: 'fetch', resource: 'stream', streamed: true },
    expect: { readable: true, status: 200, streamedIncrementally: true, preflights: 0, actualRequests: 2 },
  },
  {
    name: 'not-found-readable',
    title: 'A 404 from the application is readable by the allowed page (not hidden behind a CORS error)',
    policy: pageOnly,
    action: { kind: 'fetch', resource: 'status/404' },
    expect: { readable: true, status: 404, echo: { error: 'not found' }, ...once },
  },
  {
    name: 'server-error-readable',
    title: 'A 500 from the application is readable by the allowed page',
    policy: pageOnly,
    action: { kind: 'fetch', resource: 'status/500', method: 'PUT' },
    expect: { readable: true, status: 500, echo: { error: 'boom' }, ...preflightedOnce },
  },

  // ── Opaque origins ───────────────────────────────────────────────────────────────────────
  {
    name: 'sandboxed-iframe-blocked',
    title: 'A sandboxed iframe sends Origin: null, which is never allowed by name',
    policy: pageOnly,
    from: 'sandboxed-iframe',
    action: { kind: 'fetch' },
    expect: { readable: NO_ACAO, requestOrigin: 'null', sentHeaders: { 'access-control-allow-origin': null }, ...once },
    control: 'sandboxed-iframe-wildcard',
  },
  {
    name: 'sandboxed-iframe-wildcard',
    title: "A sandboxed iframe may read a response of an origin '*' policy",
    policy: () => ({ origin: '*' }),
    from: 'sandboxed-iframe',
    action: { kind: 'fetch' },
    expect: { readable: true, status: 200, echo: { origin: 'null' }, ...once },
  },
  {
    name: 'sandboxed-iframe-preflight-blocked',
    title: 'A preflighted request from a sandboxed iframe is refused at the preflight',
    policy: pageOnly,
    from: 'sandboxed-iframe',
    action: { kind: 'fetch', method: 'PUT' },
    expect: {
      readable: PREFLIGHT_REFUSED,
      requestOrigin: 'null',
      preflightHeaders: {
        'access-control-allow-origin': null,
        'portcullis-refusal': "origin 'null' is never allowed (sandboxed iframes, data: and file: documents, cross-origin redirects)",
      },
      ...refusedAtPreflight,
    },
    control: 'sandboxed-iframe-preflight-wildcard',
  },
  {
    name: 'sandboxed-iframe-preflight-wildcard',
    title: "A preflighted request from a sandboxed iframe to an origin '*' policy",
    policy: () => ({ origin: '*' }),
    from: 'sandboxed-iframe',
    action: { kind: 'fetch', method: 'PUT' },
    expect: { readable: true, status: 200, echo: { method: 'PUT', origin: 'null' }, ...preflightedOnce },
  },

  // ── Cross-origin write protection (protectWrites) ────────────────────────────────────────
  {
    name: 'write-form-other-origin-refused',
    title: "A form POST from a page the policy does not list, with the user's cookie: refused with 403, the handler never runs",
    policy: protectedWrites,
    from: 'other-page',
    action: FORM_POST,
    expect: { readable: OPAQUE, write: REFUSED_WRITE, sentHeaders: { 'access-control-allow-origin': null }, ...once },
    control: 'write-form-allowed-origin',
  },
  {
    name: 'write-form-allowed-origin',
    title: 'The same form POST from the allowed page reaches the handler',
    policy: protectedWrites,
    action: FORM_POST,
    expect: { readable: OPAQUE, write: ALLOWED_WRITE, sentHeaders: ALLOWED_WRITE_HEADERS, ...once },
  },
  {
    name: 'write-no-cors-other-origin-refused',
    title: "A mode: 'no-cors' fetch POST from a page the policy does not list: refused, the handler never runs",
    policy: protectedWrites,
    from: 'other-page',
    action: NO_CORS_POST,
    expect: { readable: OPAQUE, write: REFUSED_WRITE, sentHeaders: { 'access-control-allow-origin': null }, ...once },
    control: 'write-no-cors-allowed-origin',
  },
  {
    name: 'write-no-cors-allowed-origin',
    title: "The same mode: 'no-cors' POST from the allowed page reaches the handler (the page still cannot read it)",
    policy: protectedWrites,
    action: NO_CORS_POST,
    expect: { readable: OPAQUE, write: ALLOWED_WRITE, sentHeaders: ALLOWED_WRITE_HEADERS, ...once },
  },
  {
    name: 'write-text-plain-other-origin-refused',
    title: "A credentialed text/plain POST (no preflight) from a page the policy does not list: refused before the handler, and blocked",
    policy: protectedWrites,
    from: 'other-page',
    action: TEXT_POST,
    expect: {
      readable: {
        reason: 'no-allow-origin',
        console: {
          chromium: "Access to fetch at '$url' from origin '$other' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
          firefox: `${FIREFOX_BLOCKED}(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 403.`,
          webkit: 'Origin $other is not allowed by Access-Control-Allow-Origin. Status code: 403',
        },
      },
      write: REFUSED_WRITE,
      sentHeaders: { 'access-control-allow-origin': null },
      ...once,
    },
    control: 'write-text-plain-allowed-origin',
    troubleshooting: {
      kind: 'a write from an origin that is not allowed',
      means:
        'a request that changes state (not `GET`, `HEAD` or `OPTIONS`) from a site the policy does not list: write protection (on with `credentials: true`) answered `403` without running your handler',
      change: 'add the page’s origin to `origin` if that site may write (the browser then reads the answer too), or set `protectWrites: false` if writes need no protection',
    },
  },
  {
    name: 'write-text-plain-allowed-origin',
    title: 'The same credentialed text/plain POST from the allowed page: the handler runs and the page reads the answer',
    policy: protectedWrites,
    action: TEXT_POST,
    expect: { readable: true, status: 200, write: ALLOWED_WRITE, echo: { method: 'POST' }, sentHeaders: ALLOWED_WRITE_HEADERS, ...once },
  },
  {
    name: 'write-same-origin-api-page',
    title: "A page the API serves itself POSTs to the API: a same-origin write, allowed though the policy lists only another origin",
    policy: protectedWrites,
    action: { kind: 'api-page' },
    expect: {
      readable: true,
      status: 200,
      write: { handlerRuns: 1, status: 200, refusal: null, origin: '$api', secFetchSite: 'same-origin', cookieSent: true },
      // The page itself (a navigation, no Origin), then its write.
      preflights: 0,
      actualRequests: 2,
    },
  },

  // ── Preflight cache ──────────────────────────────────────────────────────────────────────
  {
    name: 'max-age-honoured',
    title: 'maxAge 600: the second identical PUT sends no preflight',
    policy: ({ page }) => ({ origin: page, maxAge: 600 }),
    action: { kind: 'fetch', method: 'PUT', times: 2 },
    expect: { readable: true, status: 200, preflights: 1, actualRequests: 2 },
  },
  {
    name: 'max-age-default',
    title: 'The default maxAge also spares the second preflight',
    policy: pageOnly,
    action: { kind: 'fetch', method: 'DELETE', times: 2 },
    expect: { readable: true, status: 200, preflights: 1, actualRequests: 2 },
  },
  {
    name: 'max-age-zero',
    title: 'maxAge 0: every PUT is preflighted again (the count is real, not a constant)',
    policy: ({ page }) => ({ origin: page, maxAge: 0 }),
    action: { kind: 'fetch', method: 'PUT', times: 2 },
    expect: { readable: true, status: 200, preflights: 2, actualRequests: 2 },
  },

  // ── Non-fetch uses of CORS ───────────────────────────────────────────────────────────────
  {
    name: 'font-face-allowed',
    title: 'An @font-face web font from the API loads',
    policy: pageOnly,
    action: { kind: 'font' },
    expect: { readable: true, status: 200, ...once },
    engines: { webkit: { expect: { noCors: true }, why: WEBKIT_FONTS_WITHOUT_CORS } },
  },
  {
    name: 'font-face-blocked',
    title: 'An @font-face web font from an API that does not allow the page fails to load',
    policy: ({ other }) => ({ origin: other }),
    action: { kind: 'font' },
    expect: { readable: NO_ACAO, ...once },
    control: 'font-face-allowed',
    engines: { webkit: { expect: { readable: true, status: 200, noCors: true }, why: WEBKIT_FONTS_WITHOUT_CORS } },
  },
  {
    name: 'canvas-image-untainted',
    title: 'A crossorigin image drawn on a canvas leaves it readable (getImageData works)',
    policy: pageOnly,
    action: { kind: 'image', crossOrigin: 'anonymous' },
    expect: { readable: true, status: 200, canvas: 'untainted', ...once },
  },
  {
    name: 'canvas-image-blocked',
    title: 'A crossorigin image from an API that does not allow the page does not load at all',
    policy: ({ other }) => ({ origin: other }),
    action: { kind: 'image', crossOrigin: 'anonymous' },
    expect: { readable: NO_ACAO, ...once },
    control: 'canvas-image-untainted',
  },
  {
    name: 'canvas-image-no-crossorigin-tainted',
    title: 'The same image without the crossorigin attribute loads in no-cors mode and taints the canvas',
    policy: pageOnly,
    action: { kind: 'image', crossOrigin: null },
    expect: { readable: { reason: null }, canvas: 'tainted', ...once },
    control: 'canvas-image-untainted',
  },
];

export const scenarioByName: ReadonlyMap<string, Scenario> = new Map(scenarios.map((s) => [s.name, s]));
