// The conformance scenarios: simple requests and origin matching.

import type { Scenario } from '../scenario-types.ts';
import { ELSEWHERE, FIREFOX_BLOCKED, NO_ACAO, once, pageOnly, preflightedOnce } from './shared.ts';

export const origins: readonly Scenario[] = [
  // ── Simple requests and origin matching ─────────────────────────────────────────────────────────
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
];
