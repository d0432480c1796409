// The conformance scenarios: response headers; redirects, streaming, errors; opaque origins.

import type { Scenario } from '../scenario-types.ts';
import { JSON_BODY, NO_ACAO, PREFLIGHT_REFUSED, once, pageOnly, preflightedOnce, refusedAtPreflight } from './shared.ts';

export const responses: readonly Scenario[] = [
  // ── Response headers ────────────────────────────────────────────────────────────────────────────
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

  // ── Redirects, streaming, errors ────────────────────────────────────────────────────────────────
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

  // ── Opaque origins ──────────────────────────────────────────────────────────────────────────────
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
];
