// The conformance scenarios: request headers.

import type { Scenario } from '../scenario-types.ts';
import { UNEXPLAINED_PREFLIGHT, explainedPreflight, headerRefused, pageOnly, preflight403, preflightedOnce, refusedAtPreflight } from './shared.ts';

export const requestHeaders: readonly Scenario[] = [
  // ── Request headers ─────────────────────────────────────────────────────────────────────────────
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
];
