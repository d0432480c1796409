// The conformance scenarios: credentials.

import type { Scenario } from '../scenario-types.ts';
import { CHROMIUM_BLOCKED, COOKIE, FIREFOX_BLOCKED, JSON_BODY, once, pageOnly, preflightedOnce } from './shared.ts';

export const credentials: readonly Scenario[] = [
  // ── Credentials ─────────────────────────────────────────────────────────────────────────────────
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
];
