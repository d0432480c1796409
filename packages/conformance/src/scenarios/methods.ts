// The conformance scenarios: preflighted methods.

import type { Scenario } from '../scenario-types.ts';
import { DEFAULT_METHODS, JSON_BODY, UNEXPLAINED_PREFLIGHT, explainedPreflight, headerRefused, methodRefused, pageOnly, preflight403, preflightedOnce, refusedAtPreflight } from './shared.ts';

export const methods: readonly Scenario[] = [
  // ── Preflighted methods ─────────────────────────────────────────────────────────────────────────
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
];
