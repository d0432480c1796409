// The rows of MIGRATING.md's hono guide: hono 4.13.19's `hono/cors`, with the examples of its
// documentation (the CORS Middleware page), mounted as `app.use('*', cors(...))`.

import { policy as methodsByOrigin } from '../../src/recipes/methods-by-origin.js';
import type { Row } from '../../src/rows.js';
import { credentialedGet, get, json, OPAQUE, ordinaryOptionsChecks, OTHER, withHeader, writeProtectionChecks } from './calls.js';

const SITE = 'https://example.com';

export const honoRows: readonly Row[] = [
  {
    id: 'hono.default',
    peer: 'cors()',
    core: [{ code: 'options.not-an-object', fix: "pass an object such as { origin: 'https://myapp.es' }" }],
    portcullis: "cors({ origin: '*' })",
    checks: [
      { name: 'a GET from any origin', call: get(OTHER), peer: { allowed: true, readable: ['content-type'] } },
      { name: 'a JSON PUT from any origin', call: json(OTHER), peer: { allowed: true, reached: ['actual'] } },
    ],
  },
  {
    id: 'hono.docs-example',
    peer: `cors({
  origin: 'http://example.com',
  allowHeaders: ['X-Custom-Header', 'Upgrade-Insecure-Requests'],
  allowMethods: ['POST', 'GET', 'OPTIONS'],
  exposeHeaders: ['Content-Length', 'X-Kuma-Revision'],
  maxAge: 600,
  credentials: true,
})`,
    core: [
      {
        code: 'origin.insecure-with-credentials',
        fix: "serve that page over https and write 'https://example.com', or set dangerouslyAllowInsecureOrigins: true if you accept the risk",
      },
    ],
    portcullis: `cors({
  origin: 'https://example.com',
  allowHeaders: ['X-Custom-Header', 'Upgrade-Insecure-Requests'],
  allowMethods: ['POST', 'GET', 'OPTIONS'],
  exposeHeaders: ['Content-Length', 'X-Kuma-Revision'],
  maxAge: 600,
  credentials: true,
})`,
    checks: [
      {
        name: 'a credentialed POST with X-Custom-Header from the page, once it is served over https',
        call: withHeader(SITE, 'x-custom-header', 'POST', { credentials: 'include' }),
        peer: { allowed: false },
        portcullis: { allowed: true, readable: ['content-type', 'x-kuma-revision'], cachedFor: 600 },
      },
      {
        name: 'the same POST from the plain-http page of the example',
        call: withHeader('http://example.com', 'x-custom-header', 'POST', { credentials: 'include' }),
        peer: { allowed: true, readable: ['content-type', 'x-kuma-revision'], cachedFor: 600 },
        portcullis: { allowed: false },
      },
      { name: 'a DELETE, not in allowMethods', call: json(SITE, 'DELETE', { credentials: 'include' }), peer: { allowed: false } },
      { name: 'a credentialed GET from another origin', call: credentialedGet(OTHER), peer: { allowed: false } },
    ],
  },
  {
    id: 'hono.origin-array',
    peer: "cors({ origin: ['https://example.com', 'https://example.org'] })",
    core: 'accepted',
    checks: [
      { name: 'a GET from the second origin', call: get('https://example.org'), peer: { allowed: true, readable: ['content-type'] } },
      { name: 'a JSON PUT from the first', call: json(SITE), peer: { allowed: true } },
      { name: 'a GET from another origin', call: get(OTHER), peer: { allowed: false, reached: ['actual'] } },
    ],
  },
  {
    id: 'hono.origin-function',
    peer: "cors({ origin: (origin, c) => { return origin.endsWith('.example.com') ? origin : 'http://example.com' } })",
    core: 'accepted',
    checks: [
      { name: 'a GET from a subdomain: the function returns the origin', call: get('https://app.example.com'), peer: { allowed: true } },
      {
        name: "a GET from another origin: the function returns 'http://example.com'",
        call: get(OTHER),
        peer: { allowed: false },
        refusals: ['origin.function-result'],
      },
      { name: 'a GET from http://example.com, which the fallback names', call: get('http://example.com'), peer: { allowed: true } },
      { name: 'a JSON PUT from another origin', call: json(OTHER), peer: { allowed: false, reached: [] }, refusals: ['origin.function-result'] },
    ],
  },
  {
    id: 'hono.origin-async-function',
    peer: "cors({ origin: async (origin) => (origin === 'https://example.com' ? origin : null) })",
    core: 'accepted',
    checks: [
      { name: 'a JSON PUT from the named origin: the promise resolves to the origin', call: json(SITE), peer: { allowed: true, reached: ['actual'] } },
      { name: 'a GET from another origin: the promise resolves to null', call: get(OTHER), peer: { allowed: false, reached: ['actual'] }, refusals: ['origin.function-result'] },
    ],
  },
  {
    id: 'hono.origin-function-star',
    peer: "cors({ origin: (origin) => origin === 'https://example.com' ? origin : '*' })",
    core: 'accepted',
    checks: [
      { name: 'a GET from the named origin', call: get(SITE), peer: { allowed: true } },
      { name: "a GET from another origin: the function returns '*'", call: get(OTHER), peer: { allowed: true }, portcullis: { allowed: false }, refusals: ['origin.function-result'] },
    ],
  },
  {
    id: 'hono.allowMethods-function',
    peer: `cors({
  origin: (origin) =>
    origin === 'https://example.com' ? origin : '*',
  allowMethods: (origin, c) =>
    origin === 'https://example.com'
      ? ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE']
      : ['GET', 'HEAD'],
})`,
    core: [{ code: 'methods.not-a-list', fix: 'list the methods; for methods that depend on the request, build one policy per set and choose with corsByRequest((request) => policy)' }],
    portcullis: { file: 'packages/migration/src/recipes/methods-by-origin.ts', build: (app) => methodsByOrigin.wrap(app) },
    checks: [
      { name: 'a PATCH from the partner', call: json(SITE, 'PATCH'), peer: { allowed: true } },
      { name: 'a GET from anyone', call: get(OTHER), peer: { allowed: true, readable: ['content-type'] } },
      { name: 'a PATCH from anyone else', call: json(OTHER, 'PATCH'), peer: { allowed: false, reached: [] } },
    ],
  },
  {
    id: 'hono.allowMethods',
    peer: "cors({ origin: 'https://example.com', allowMethods: ['GET', 'PUT'] })",
    core: 'accepted',
    checks: [
      { name: 'a listed method', call: json(SITE, 'PUT'), peer: { allowed: true } },
      { name: 'a method not listed', call: json(SITE, 'DELETE'), peer: { allowed: false }, refusals: ['method.not-allowed'] },
    ],
  },
  {
    id: 'hono.allowMethods-default',
    peer: "cors({ origin: 'https://example.com' })",
    core: 'accepted',
    checks: [
      { name: 'a PATCH', call: json(SITE, 'PATCH'), peer: { allowed: true } },
      { name: "a QUERY, in hono's default list only", call: get(SITE, { method: 'QUERY' }), peer: { allowed: true }, portcullis: { allowed: false }, refusals: ['method.not-allowed'] },
    ],
  },
  {
    id: 'hono.allowHeaders',
    peer: "cors({ origin: 'https://example.com', allowHeaders: ['X-Custom-Header'] })",
    core: 'accepted',
    checks: [
      { name: 'a POST with the listed header', call: withHeader(SITE, 'x-custom-header'), peer: { allowed: true } },
      { name: 'a JSON PUT: content-type is not listed', call: json(SITE), peer: { allowed: false }, refusals: ['header.not-allowed'] },
    ],
  },
  {
    id: 'hono.allowHeaders-default',
    peer: "cors({ origin: 'https://example.com' })",
    core: 'accepted',
    checks: [
      { name: 'a JSON PUT', call: json(SITE), peer: { allowed: true } },
      { name: 'a custom header is reflected by the peer', call: withHeader(SITE, 'x-custom-header'), peer: { allowed: true }, portcullis: { allowed: false }, refusals: ['header.not-allowed'] },
    ],
  },
  {
    id: 'hono.exposeHeaders',
    peer: "cors({ origin: 'https://example.com', exposeHeaders: ['X-Kuma-Revision'] })",
    core: 'accepted',
    checks: [{ name: 'a GET reads the exposed header', call: get(SITE), peer: { allowed: true, readable: ['content-type', 'x-kuma-revision'] } }],
  },
  {
    id: 'hono.maxAge',
    peer: "cors({ origin: 'https://example.com', maxAge: 600 })",
    core: 'accepted',
    checks: [{ name: 'a JSON PUT: the preflight is cached 600 s', call: json(SITE), peer: { allowed: true, cachedFor: 600 } }],
  },
  {
    id: 'hono.maxAge-default',
    peer: "cors({ origin: 'https://example.com' })",
    core: 'accepted',
    checks: [{ name: 'a JSON PUT: without Access-Control-Max-Age a browser caches it 5 s', call: json(SITE), peer: { allowed: true, cachedFor: 5 }, portcullis: { allowed: true, cachedFor: 600 } }],
  },
  {
    id: 'hono.credentials',
    peer: "cors({ origin: 'https://example.com', credentials: true })",
    core: 'accepted',
    checks: [
      { name: 'a credentialed GET', call: credentialedGet(SITE), peer: { allowed: true, readable: ['content-type'] } },
      { name: 'a credentialed JSON PUT', call: json(SITE, 'PUT', { credentials: 'include' }), peer: { allowed: true } },
    ],
  },
  {
    id: 'hono.credentials-wildcard',
    peer: 'cors({ credentials: true })',
    core: [
      { code: 'origin.missing', fix: "list your front end's origin, e.g. origin: 'https://myapp.es', or origin: '*' for a public API without credentials" },
      { text: "cors({ origin: '*', credentials: true })", code: 'origin.wildcard-with-credentials', fix: 'list the origins that may send credentials, or set credentials: false' },
    ],
    portcullis: "cors({ origin: ['https://example.com'], credentials: true })",
    checks: [
      { name: 'a credentialed GET from the front end: * with credentials never worked', call: credentialedGet(SITE), peer: { allowed: false }, portcullis: { allowed: true } },
      { name: 'a GET without credentials from another origin', call: get(OTHER), peer: { allowed: true }, portcullis: { allowed: false } },
    ],
  },
  {
    id: 'hono.reflect-function',
    peer: 'cors({ origin: (origin) => origin, credentials: true })',
    core: 'accepted',
    checks: [
      { name: 'a credentialed GET from any site: a function that allows everyone is obeyed', call: credentialedGet(OTHER), peer: { allowed: true } },
      { name: 'a credentialed GET from a sandboxed iframe (Origin: null)', call: credentialedGet(OPAQUE), peer: { allowed: true }, portcullis: { allowed: false }, refusals: ['origin.null'] },
    ],
  },
  {
    id: 'hono.ordinary-options',
    peer: "cors({ origin: 'https://example.com', allowMethods: ['GET', 'OPTIONS'] })",
    core: 'accepted',
    checks: ordinaryOptionsChecks(SITE),
  },
  {
    id: 'hono.write-protection',
    peer: "cors({ origin: 'https://example.com', credentials: true })",
    core: 'accepted',
    checks: writeProtectionChecks(SITE),
  },
];
