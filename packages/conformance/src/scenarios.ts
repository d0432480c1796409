// The conformance table: every target serves every scenario's policy under `/s/<name>/`, and
// every engine (Chromium, Firefox, WebKit) must agree with the expectation on every target. Rules are the Fetch Standard's
// (see shared/cors-spec.md); each blocked scenario names a readable control that differs only
// in the respect under test.

import type { PageOrigins, Scenario } from './scenario-types.ts';

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
/** A refused preflight is answered 403 without CORS headers (never 2xx, spec failure mode 6). */
const PREFLIGHT_REFUSED = { reason: 'preflight-refused' } as const;

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
      readable: NO_ACAO,
      sentHeaders: { 'access-control-allow-origin': null, vary: { includes: ['Origin'] } },
      ...once,
    },
    control: 'simple-get-allowed',
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
    title: 'A JSON POST whose content-type is not in allowHeaders is refused at the preflight',
    policy: ({ page }) => ({ origin: page, allowHeaders: ['x-user'] }),
    action: { kind: 'fetch', method: 'POST', body: JSON_BODY, headers: { 'content-type': 'application/json' } },
    expect: { readable: PREFLIGHT_REFUSED, ...refusedAtPreflight },
    control: 'json-post-preflighted',
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
    title: 'PUT missing from allowMethods is refused at the preflight',
    policy: ({ page }) => ({ origin: page, allowMethods: ['GET', 'POST', 'DELETE'] }),
    action: { kind: 'fetch', method: 'PUT', body: 'v' },
    expect: { readable: PREFLIGHT_REFUSED, ...refusedAtPreflight },
    control: 'put-allowed',
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
    title: 'DELETE missing from allowMethods is refused at the preflight',
    policy: ({ page }) => ({ origin: page, allowMethods: ['PUT'] }),
    action: { kind: 'fetch', method: 'DELETE' },
    expect: { readable: PREFLIGHT_REFUSED, ...refusedAtPreflight },
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
    title: "fetch(method: 'patch') is sent as 'patch', which PATCH does not match: refused",
    policy: pageOnly,
    action: { kind: 'fetch', method: 'patch', body: 'p' },
    expect: { readable: PREFLIGHT_REFUSED, requestMethod: 'patch', ...refusedAtPreflight },
    control: 'patch-uppercase-allowed',
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
    title: 'X-User not in allowHeaders is refused at the preflight',
    policy: pageOnly,
    action: { kind: 'fetch', headers: { 'X-User': 'alice' } },
    expect: { readable: PREFLIGHT_REFUSED, ...refusedAtPreflight },
    control: 'x-user-allowed',
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
    title: "allowHeaders '*' never covers Authorization",
    policy: ({ page }) => ({ origin: page, allowHeaders: '*' }),
    action: { kind: 'fetch', headers: { Authorization: 'Bearer t0k3n' } },
    expect: { readable: PREFLIGHT_REFUSED, ...refusedAtPreflight },
    control: 'authorization-listed',
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
    title: 'One custom header of two missing from allowHeaders: refused',
    policy: ({ page }) => ({ origin: page, allowHeaders: ['x-user'] }),
    action: { kind: 'fetch', headers: { 'X-User': 'alice', 'X-Trace': 't1' } },
    expect: { readable: PREFLIGHT_REFUSED, ...refusedAtPreflight },
    control: 'two-headers-allowed',
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
    expect: { readable: { reason: 'wildcard-origin-with-credentials' }, cookieSent: true, ...once },
    control: 'credentials-cookie-allowed',
  },
  {
    name: 'credentials-not-enabled-blocked',
    title: 'A credentialed request to a policy without credentials: true is blocked',
    policy: pageOnly,
    action: { kind: 'fetch', credentials: 'include' },
    expect: {
      readable: { reason: 'credentials-not-allowed' },
      cookieSent: true,
      sentHeaders: { 'access-control-allow-credentials': null },
      ...once,
    },
    control: 'credentials-cookie-allowed',
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
    expect: { readable: PREFLIGHT_REFUSED, requestOrigin: 'null', ...refusedAtPreflight },
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
