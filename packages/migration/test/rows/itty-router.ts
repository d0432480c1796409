// The rows of MIGRATING.md's itty-router guide: itty-router 5.0.24's `cors()`, mounted as its
// documentation does, `AutoRouter({ before: [preflight], finally: [corsify] })`.

import type { Row } from '../../src/rows.js';
import { credentialedGet, get, json, OPAQUE, ordinaryOptionsChecks, OTHER, withHeader, writeProtectionChecks } from './calls.js';

const SITE = 'https://foo.bar';

export const ittyRows: readonly Row[] = [
  {
    id: 'itty-router.default',
    peer: 'cors()',
    core: [{ code: 'options.not-an-object', fix: "pass an object such as { origin: 'https://myapp.es' }" }],
    portcullis: "cors({ origin: '*', allowMethods: '*', allowHeaders: '*' })",
    checks: [
      { name: 'a GET from any origin', call: get(OTHER), peer: { allowed: true, readable: ['content-type'] } },
      { name: 'a DELETE from any origin', call: json(OTHER, 'DELETE'), peer: { allowed: true } },
      { name: 'a custom header from any origin', call: withHeader(OTHER, 'x-custom-header'), peer: { allowed: true } },
      {
        name: "authorization, which '*' never covers",
        call: withHeader(OTHER, 'authorization', 'GET'),
        peer: { allowed: true },
        portcullis: { allowed: false },
        refusals: ['header.authorization-not-covered'],
      },
    ],
  },
  {
    id: 'itty-router.origin-true',
    peer: 'cors({ origin: true })',
    core: [{ code: 'origin.reflect-all', fix: "list the origins that may read, e.g. origin: ['https://myapp.es'], or origin: '*' for a public API without credentials" }],
    portcullis: "cors({ origin: '*', allowMethods: '*', allowHeaders: '*' })",
    checks: [
      { name: 'a GET from any origin', call: get(OTHER), peer: { allowed: true, readable: ['content-type'] } },
      { name: 'a custom header from any origin', call: withHeader(OTHER, 'x-custom-header'), peer: { allowed: true } },
    ],
  },
  {
    id: 'itty-router.origin-string',
    peer: "cors({ origin: 'https://foo.bar' })",
    core: 'accepted',
    checks: [
      { name: 'a GET from that origin', call: get(SITE), peer: { allowed: true, readable: ['content-type'] } },
      { name: 'a JSON PUT from that origin', call: json(SITE), peer: { allowed: true } },
      { name: 'a GET from another origin', call: get(OTHER), peer: { allowed: false, reached: ['actual'] } },
    ],
  },
  {
    id: 'itty-router.origin-array',
    peer: "cors({ origin: ['https://foo.bar', 'https://dog.cat'] })",
    core: 'accepted',
    checks: [
      { name: 'a GET from the second origin', call: get('https://dog.cat'), peer: { allowed: true } },
      { name: 'a GET from another origin', call: get(OTHER), peer: { allowed: false } },
    ],
  },
  {
    id: 'itty-router.origin-regexp',
    peer: 'cors({ origin: /^https:\\/\\/[a-z0-9-]+\\.foo\\.bar$/ })',
    core: 'accepted',
    checks: [
      { name: 'a GET from a subdomain', call: get('https://app.foo.bar'), peer: { allowed: true } },
      { name: 'a GET from the apex, which the RegExp leaves out', call: get(SITE), peer: { allowed: false } },
      { name: 'a GET from another origin', call: get(OTHER), peer: { allowed: false } },
    ],
  },
  {
    id: 'itty-router.origin-regexp-unanchored',
    peer: 'cors({ origin: /foo\\.bar$/ })',
    core: [{ code: 'regexp.unanchored', fix: 'anchor it: /^https:\\/\\/foo\\.bar$/' }],
    portcullis: "cors({ origin: ['https://foo.bar', 'https://*.foo.bar'] })",
    checks: [
      { name: 'a GET from the apex', call: get(SITE), peer: { allowed: true } },
      { name: 'a GET from a look-alike domain passes the unanchored RegExp', call: get('https://evilfoo.bar'), peer: { allowed: true }, portcullis: { allowed: false } },
    ],
  },
  {
    id: 'itty-router.origin-function',
    peer: "cors({ origin: (origin) => origin.endsWith('.foo.bar') ? origin : undefined })",
    core: 'accepted',
    checks: [
      { name: 'a GET from a subdomain: the function returns the origin', call: get('https://app.foo.bar'), peer: { allowed: true } },
      { name: 'a GET from another origin: the function returns undefined', call: get(OTHER), peer: { allowed: false }, refusals: ['origin.function-result'] },
    ],
  },
  {
    id: 'itty-router.credentials-wildcard',
    peer: 'cors({ credentials: true })',
    core: [
      { code: 'origin.missing', fix: "list your front end's origin, e.g. origin: 'https://myapp.es', or origin: '*' for a public API without credentials" },
      { text: "cors({ origin: '*', credentials: true })", code: 'origin.wildcard-with-credentials', fix: 'list the origins that may send credentials, or set credentials: false' },
    ],
    portcullis: "cors({ origin: ['https://foo.bar'], credentials: true })",
    checks: [
      { name: 'a credentialed GET from the front end', call: credentialedGet(SITE), peer: { allowed: true, readable: ['content-type'] } },
      { name: "a credentialed GET from any other site reads the user's data only with the peer", call: credentialedGet(OTHER), peer: { allowed: true }, portcullis: { allowed: false } },
      { name: 'a credentialed GET from a sandboxed iframe (Origin: null)', call: credentialedGet(OPAQUE), peer: { allowed: true }, portcullis: { allowed: false } },
    ],
  },
  {
    id: 'itty-router.allowMethods-default',
    peer: "cors({ origin: 'https://foo.bar', credentials: true })",
    core: 'accepted',
    checks: [
      { name: 'a JSON PUT without credentials', call: json(SITE), peer: { allowed: true } },
      {
        name: "a credentialed JSON PUT: with credentials, browsers read allowMethods '*' as a method named *",
        call: json(SITE, 'PUT', { credentials: 'include' }),
        peer: { allowed: false },
        portcullis: { allowed: true },
      },
    ],
  },
  {
    id: 'itty-router.allowMethods',
    peer: "cors({ origin: 'https://foo.bar', allowMethods: 'GET, POST, PUT' })",
    core: [{ code: 'methods.not-a-list', fix: "write allowMethods: ['GET', 'POST', 'PUT']" }],
    portcullis: "cors({ origin: 'https://foo.bar', allowMethods: ['GET', 'POST', 'PUT'] })",
    checks: [
      { name: 'a listed method', call: json(SITE, 'PUT'), peer: { allowed: true } },
      { name: 'a method not listed', call: json(SITE, 'DELETE'), peer: { allowed: false }, refusals: ['method.not-allowed'] },
    ],
  },
  {
    id: 'itty-router.allowHeaders',
    peer: "cors({ origin: 'https://foo.bar', allowHeaders: 'content-type, x-custom-header' })",
    core: [{ code: 'headers.not-a-list', fix: "write allowHeaders: ['content-type', 'x-custom-header']" }],
    portcullis: "cors({ origin: 'https://foo.bar', allowHeaders: ['content-type', 'x-custom-header'] })",
    checks: [
      { name: 'a JSON PUT with the custom header', call: json(SITE, 'PUT', { headers: { 'content-type': 'application/json', 'x-custom-header': '1' } }), peer: { allowed: true } },
      { name: 'a header not listed', call: withHeader(SITE, 'x-other'), peer: { allowed: false }, refusals: ['header.not-allowed'] },
    ],
  },
  {
    id: 'itty-router.allowHeaders-default',
    peer: "cors({ origin: 'https://foo.bar' })",
    core: 'accepted',
    checks: [
      { name: 'a JSON PUT', call: json(SITE), peer: { allowed: true } },
      { name: 'a custom header is reflected by the peer', call: withHeader(SITE, 'x-custom-header'), peer: { allowed: true }, portcullis: { allowed: false }, refusals: ['header.not-allowed'] },
    ],
  },
  {
    id: 'itty-router.exposeHeaders',
    peer: "cors({ origin: 'https://foo.bar', exposeHeaders: 'x-request-id' })",
    core: [{ code: 'headers.not-a-list', fix: "write exposeHeaders: ['x-request-id']" }],
    portcullis: "cors({ origin: 'https://foo.bar', exposeHeaders: ['x-request-id'] })",
    checks: [
      {
        name: 'a GET: corsify sends Access-Control-Expose-Headers only on preflights, where it does nothing',
        call: get(SITE),
        peer: { allowed: true, readable: ['content-type'] },
        portcullis: { allowed: true, readable: ['content-type', 'x-request-id'] },
      },
    ],
  },
  {
    id: 'itty-router.maxAge',
    peer: "cors({ origin: 'https://foo.bar', maxAge: 3600 })",
    core: 'accepted',
    checks: [{ name: 'a JSON PUT: the preflight is cached an hour', call: json(SITE), peer: { allowed: true, cachedFor: 3600 } }],
  },
  {
    id: 'itty-router.maxAge-default',
    peer: "cors({ origin: 'https://foo.bar' })",
    core: 'accepted',
    checks: [{ name: 'a JSON PUT: without Access-Control-Max-Age a browser caches it 5 s', call: json(SITE), peer: { allowed: true, cachedFor: 5 }, portcullis: { allowed: true, cachedFor: 600 } }],
  },
  {
    id: 'itty-router.vary',
    peer: "cors({ origin: ['https://foo.bar', 'https://dog.cat'] })",
    core: 'accepted',
    checks: [
      {
        name: "behind a shared cache, a GET from the second origin after the first one's GET was cached",
        afterCached: [get(SITE)],
        call: get('https://dog.cat'),
        peer: { allowed: false, reached: [] },
        portcullis: { allowed: true, reached: ['actual'] },
      },
    ],
  },
  {
    id: 'itty-router.ordinary-options',
    peer: "cors({ origin: 'https://foo.bar', allowMethods: ['GET', 'OPTIONS'] })",
    core: 'accepted',
    checks: ordinaryOptionsChecks(SITE),
  },
  {
    id: 'itty-router.handler-headers',
    peer: "cors({ origin: 'https://foo.bar' })",
    core: 'accepted',
    appHeaders: { 'access-control-allow-origin': '*' },
    checks: [
      {
        name: "a GET from another origin, when the handler set Access-Control-Allow-Origin: * itself",
        call: get(OTHER),
        peer: { allowed: true },
        portcullis: { allowed: false },
        refusals: ['origin.not-allowed'],
      },
      { name: 'a GET from the allowed origin', call: get(SITE), peer: { allowed: true, readable: ['content-type'] } },
    ],
  },
  {
    id: 'itty-router.write-protection',
    peer: "cors({ origin: 'https://foo.bar', credentials: true })",
    core: 'accepted',
    checks: writeProtectionChecks(SITE),
  },
];
