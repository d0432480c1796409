// The rows of MIGRATING.md's `cors` (Express) guide. Each peer text is the `cors` package's
// README example or option as documented at 2.8.6, mounted in Express 5.3.0, and each
// translation is @portcullis/node's middleware mounted the same way in the same application.

import { db } from '../../src/recipes/database.js';
import { corsMiddleware as byRequest } from '../../src/recipes/by-request.js';
import { corsMiddleware as fromDatabase } from '../../src/recipes/origins-from-database.js';
import { withPreflightLog } from '../../src/recipes/preflight-continue.js';
import type { Row } from '../../src/rows.js';
import { credentialedGet, get, json, OPAQUE, ordinaryOptionsChecks, OTHER, withHeader, writeProtectionChecks } from './calls.js';

const APP = 'https://app.example';
const NOT_AN_OBJECT = { code: 'options.not-an-object', fix: "pass an object such as { origin: 'https://myapp.es' }" } as const;
/** What Portcullis says and does with the README's (origin, callback) function as it is (tested in cors.test.ts). */
export const CALLBACK_AS_IS = {
  refusal: 'the origin function returned undefined for https://app.example, which refuses it',
  thrown: 'TypeError: callback is not a function',
  note: 'portcullis: origin: the origin function looks like an Express-style (origin, callback) function, but Portcullis calls origin(origin, request) and uses what it returns, so every origin is refused; fix: return the verdict instead, or a promise of it, e.g. origin: async (origin) => (await loadOrigins()).includes(origin) (see "Origin callbacks" in MIGRATING.md)',
} as const;
const REFLECT_ALL = { code: 'origin.reflect-all', fix: "list the origins that may read, e.g. origin: ['https://myapp.es'], or origin: '*' for a public API without credentials" } as const;
const NO_ORIGIN = {
  code: 'origin.none',
  fix: "mount cors() only where you want CORS",
} as const;
const CHOOSE_PER_REQUEST = { code: 'options.not-an-object', fix: 'build each policy with cors({ ... }) once, and choose one per request with corsByRequest((request) => policy)' } as const;

export const corsRows: readonly Row[] = [
  {
    id: 'cors.default',
    peer: 'cors()',
    core: [NOT_AN_OBJECT, { text: 'cors({})', code: 'origin.missing', fix: "list your front end's origin, e.g. origin: 'https://myapp.es', or origin: '*' for a public API without credentials" }],
    portcullis: "cors({ origin: '*' })",
    checks: [
      { name: 'a GET from any origin', call: get(OTHER), peer: { allowed: true, readable: ['content-type'], reached: ['actual'] } },
      { name: 'a JSON PUT from any origin', call: json(OTHER), peer: { allowed: true, reached: ['actual'] } },
    ],
  },
  {
    id: 'cors.origin-string',
    peer: "cors({ origin: 'http://example.com' })",
    core: 'accepted',
    checks: [
      { name: 'a GET from that origin', call: get('http://example.com'), peer: { allowed: true, readable: ['content-type'] } },
      { name: 'a GET from another origin reaches the app, unreadable', call: get(OTHER), peer: { allowed: false, reached: ['actual'] }, refusals: ['origin.not-allowed'] },
      { name: 'a JSON PUT from that origin', call: json('http://example.com'), peer: { allowed: true, reached: ['actual'] } },
      { name: 'a JSON PUT from another origin stops at the preflight', call: json(OTHER), peer: { allowed: false, reached: [] }, refusals: ['origin.not-allowed'] },
    ],
  },
  {
    id: 'cors.origin-true',
    peer: 'cors({ origin: true })',
    core: [REFLECT_ALL],
    portcullis: "cors({ origin: '*' })",
    checks: [
      { name: 'a GET from any origin', call: get(OTHER), peer: { allowed: true, readable: ['content-type'] } },
      { name: 'a JSON PUT from any origin', call: json(OTHER), peer: { allowed: true } },
    ],
  },
  {
    id: 'cors.origin-true-credentials',
    peer: 'cors({ origin: true, credentials: true })',
    core: [REFLECT_ALL],
    portcullis: "cors({ origin: ['https://app.example'], credentials: true })",
    checks: [
      { name: 'a credentialed GET from the front end', call: credentialedGet(APP), peer: { allowed: true, readable: ['content-type'] } },
      {
        name: "a credentialed GET from any other site reads the user's data only with the peer",
        call: credentialedGet(OTHER),
        peer: { allowed: true },
        portcullis: { allowed: false },
      },
      { name: 'a credentialed GET from a sandboxed iframe (Origin: null)', call: credentialedGet(OPAQUE), peer: { allowed: true }, portcullis: { allowed: false } },
    ],
  },
  {
    id: 'cors.origin-false',
    peer: 'cors({ origin: false })',
    core: [NO_ORIGIN],
    portcullis: 'corsByRequest(() => undefined)',
    checks: [
      { name: 'a GET from any origin reaches the app, unreadable', call: get(APP), peer: { allowed: false, reached: ['actual'] } },
      { name: 'a JSON PUT: its preflight reaches the app, which does not answer it for CORS', call: json(APP), peer: { allowed: false, reached: ['preflight'] } },
    ],
  },
  {
    id: 'cors.origin-regexp',
    peer: 'cors({ origin: /example\\.com$/ })',
    core: [{ code: 'regexp.unanchored', fix: 'anchor it: /^https:\\/\\/example\\.com$/' }],
    portcullis: "cors({ origin: ['https://example.com', 'https://*.example.com'] })",
    checks: [
      { name: 'a GET from the apex', call: get('https://example.com'), peer: { allowed: true } },
      { name: 'a GET from a subdomain', call: get('https://www.example.com'), peer: { allowed: true } },
      { name: 'a GET from a look-alike domain passes the unanchored RegExp', call: get('https://evilexample.com'), peer: { allowed: true }, portcullis: { allowed: false } },
    ],
  },
  {
    id: 'cors.origin-array',
    peer: "cors({ origin: ['http://example1.com', /\\.example2\\.com$/] })",
    core: [{ code: 'regexp.unanchored', fix: 'anchor it: /^https:\\/\\/(?:[a-z0-9-]+\\.)+example2\\.com$/' }],
    portcullis: "cors({ origin: ['http://example1.com', 'http://*.example2.com', 'https://*.example2.com'] })",
    checks: [
      { name: 'a GET from the listed origin', call: get('http://example1.com'), peer: { allowed: true } },
      { name: 'a GET from a subdomain of example2.com', call: get('https://app.example2.com'), peer: { allowed: true } },
      { name: 'a GET from example2.com itself', call: get('https://example2.com'), peer: { allowed: false } },
      { name: 'a GET from another origin', call: get(OTHER), peer: { allowed: false } },
    ],
  },
  {
    id: 'cors.origin-callback',
    peer: 'cors({ origin: function (origin, callback) { db.loadOrigins(function (error, origins) { callback(error, origins) }) } })',
    core: 'accepted',
    portcullis: { file: 'packages/migration/src/recipes/origins-from-database.ts', mount: (app, handler) => app.use(fromDatabase, handler) },
    scope: { db },
    quotes: [CALLBACK_AS_IS.refusal, CALLBACK_AS_IS.thrown, CALLBACK_AS_IS.note],
    checks: [
      { name: 'a GET from an origin in the database', call: get(APP), peer: { allowed: true, readable: ['content-type'] } },
      { name: 'a GET from another origin', call: get(OTHER), peer: { allowed: false, reached: ['actual'] } },
      { name: 'a JSON PUT from an origin in the database', call: json(APP), peer: { allowed: true } },
      { name: 'a JSON PUT from another origin', call: json(OTHER), peer: { allowed: false, reached: [] } },
    ],
  },
  {
    id: 'cors.methods',
    peer: "cors({ origin: 'https://app.example', methods: 'GET,PUT' })",
    core: [
      { code: 'option.renamed', fix: "rename it to 'allowMethods'" },
      { text: "cors({ origin: 'https://app.example', allowMethods: 'GET,PUT' })", code: 'methods.not-a-list', fix: "write allowMethods: ['GET', 'PUT']" },
    ],
    portcullis: "cors({ origin: 'https://app.example', allowMethods: ['GET', 'PUT'] })",
    checks: [
      { name: 'a listed method', call: json(APP, 'PUT'), peer: { allowed: true } },
      { name: 'a method not listed', call: json(APP, 'DELETE'), peer: { allowed: false, reached: [] }, refusals: ['method.not-allowed'] },
    ],
  },
  {
    id: 'cors.methods-default',
    peer: "cors({ origin: 'https://app.example' })",
    core: 'accepted',
    checks: [
      { name: 'PATCH, in the default list', call: json(APP, 'PATCH'), peer: { allowed: true } },
      { name: 'DELETE, in the default list', call: json(APP, 'DELETE'), peer: { allowed: true } },
      { name: "'patch' in lowercase: methods are case-sensitive", call: json(APP, 'patch'), peer: { allowed: false } },
    ],
  },
  {
    id: 'cors.allowedHeaders',
    peer: "cors({ origin: 'https://app.example', allowedHeaders: ['Content-Type', 'Authorization'] })",
    core: [
      { code: 'option.renamed', fix: "rename it to 'allowHeaders'" },
      { text: "cors({ origin: 'https://app.example', headers: ['Content-Type', 'Authorization'] })", code: 'option.renamed', fix: "rename it to 'allowHeaders'" },
      { text: "cors({ origin: 'https://app.example', allowHeaders: 'Content-Type,Authorization' })", code: 'headers.not-a-list', fix: "write allowHeaders: ['Content-Type', 'Authorization']" },
    ],
    portcullis: "cors({ origin: 'https://app.example', allowHeaders: ['Content-Type', 'Authorization'] })",
    checks: [
      {
        name: 'a JSON PUT with a bearer token',
        call: json(APP, 'PUT', { headers: { 'content-type': 'application/json', authorization: 'Bearer t' } }),
        peer: { allowed: true },
      },
      { name: 'a header not listed', call: withHeader(APP, 'x-api-key'), peer: { allowed: false, reached: [] }, refusals: ['header.not-allowed'] },
    ],
  },
  {
    id: 'cors.allowedHeaders-default',
    peer: "cors({ origin: 'https://app.example' })",
    core: 'accepted',
    checks: [
      { name: 'a JSON PUT (content-type is allowed by default)', call: json(APP), peer: { allowed: true } },
      { name: 'any other header is reflected by the peer', call: withHeader(APP, 'x-api-key'), peer: { allowed: true }, portcullis: { allowed: false }, refusals: ['header.not-allowed'] },
      { name: 'authorization too', call: withHeader(APP, 'authorization', 'GET'), peer: { allowed: true }, portcullis: { allowed: false }, refusals: ['header.not-allowed'] },
    ],
  },
  {
    id: 'cors.exposedHeaders',
    peer: "cors({ origin: 'https://app.example', exposedHeaders: ['Content-Range', 'X-Content-Range'] })",
    core: [{ code: 'option.renamed', fix: "rename it to 'exposeHeaders'" }],
    portcullis: "cors({ origin: 'https://app.example', exposeHeaders: ['Content-Range', 'X-Content-Range'] })",
    checks: [{ name: 'a GET reads the exposed headers', call: get(APP), peer: { allowed: true, readable: ['content-range', 'content-type', 'x-content-range'] } }],
  },
  {
    id: 'cors.credentials',
    peer: "cors({ origin: 'https://app.example', credentials: true })",
    core: 'accepted',
    checks: [
      { name: 'a credentialed GET', call: credentialedGet(APP), peer: { allowed: true, readable: ['content-type'] } },
      { name: 'a credentialed JSON PUT', call: json(APP, 'PUT', { credentials: 'include' }), peer: { allowed: true } },
      { name: 'a credentialed GET from another origin', call: credentialedGet(OTHER), peer: { allowed: false } },
    ],
  },
  {
    id: 'cors.credentials-wildcard',
    peer: 'cors({ credentials: true })',
    core: [
      { code: 'origin.missing', fix: "list your front end's origin, e.g. origin: 'https://myapp.es', or origin: '*' for a public API without credentials" },
      { text: "cors({ origin: '*', credentials: true })", code: 'origin.wildcard-with-credentials', fix: 'list the origins that may send credentials, or set credentials: false' },
    ],
    portcullis: "cors({ origin: ['https://app.example'], credentials: true })",
    checks: [
      { name: 'a credentialed GET from the front end: * with credentials never worked', call: credentialedGet(APP), peer: { allowed: false }, portcullis: { allowed: true } },
      { name: 'a GET without credentials from another origin', call: get(OTHER), peer: { allowed: true }, portcullis: { allowed: false } },
    ],
  },
  {
    id: 'cors.maxAge',
    peer: "cors({ origin: 'https://app.example', maxAge: 600 })",
    core: 'accepted',
    checks: [{ name: 'a JSON PUT: the preflight is cached 600 s', call: json(APP), peer: { allowed: true, cachedFor: 600 } }],
  },
  {
    id: 'cors.maxAge-default',
    peer: "cors({ origin: 'https://app.example' })",
    core: 'accepted',
    checks: [{ name: 'a JSON PUT: without Access-Control-Max-Age a browser caches it 5 s', call: json(APP), peer: { allowed: true, cachedFor: 5 }, portcullis: { allowed: true, cachedFor: 600 } }],
  },
  {
    id: 'cors.preflightContinue',
    peer: "cors({ origin: 'https://app.example', preflightContinue: true })",
    core: [
      {
        code: 'option.unsupported',
        fix: 'cors() always answers preflights; to see them, mount a middleware of your own before it; remove it',
      },
    ],
    portcullis: { file: 'packages/migration/src/recipes/preflight-continue.ts', mount: (app, handler) => void withPreflightLog(app, handler) },
    checks: [
      {
        name: 'a JSON PUT: the peer hands the preflight to the app, Portcullis to your middleware before it',
        call: json(APP),
        peer: { allowed: true, reached: ['preflight', 'actual'] },
        portcullis: { allowed: true, reached: ['actual'] },
      },
    ],
  },
  {
    id: 'cors.optionsSuccessStatus',
    peer: "cors({ origin: 'http://example.com', optionsSuccessStatus: 200 })",
    core: [{ code: 'option.renamed', fix: "rename it to 'preflightStatus'" }],
    portcullis: "cors({ origin: 'http://example.com', preflightStatus: 200 })",
    checks: [
      { name: 'a JSON PUT', call: json('http://example.com'), peer: { allowed: true } },
      { name: 'a JSON PUT from another origin', call: json(OTHER), peer: { allowed: false } },
    ],
  },
  {
    id: 'cors.options-callback',
    peer: `cors(function (req, callback) {
  var corsOptions;
  if (req.path.startsWith('/auth/connect/')) {
    corsOptions = { origin: 'http://mydomain.com', credentials: true };
  } else {
    corsOptions = { origin: '*' };
  }
  callback(null, corsOptions);
})`,
    core: [
      CHOOSE_PER_REQUEST,
      {
        text: "cors({ origin: 'http://mydomain.com', credentials: true })",
        code: 'origin.insecure-with-credentials',
        fix: "serve that page over https and write 'https://mydomain.com', or set dangerouslyAllowInsecureOrigins: true if you accept the risk",
      },
    ],
    portcullis: { file: 'packages/migration/src/recipes/by-request.ts', mount: (app, handler) => app.use(byRequest, handler) },
    checks: [
      { name: 'a GET of /public from any origin', call: get(OTHER, { url: 'https://api.example/public' }), peer: { allowed: true, readable: ['content-type'] } },
      {
        name: 'a credentialed GET of /auth/connect/twitter from the https front end',
        call: credentialedGet('https://mydomain.com', { url: 'https://api.example/auth/connect/twitter' }),
        peer: { allowed: false },
        portcullis: { allowed: true },
      },
      {
        name: 'a credentialed GET of /auth/connect/twitter from a plain-http page',
        call: credentialedGet('http://mydomain.com', { url: 'https://api.example/auth/connect/twitter' }),
        peer: { allowed: true },
        portcullis: { allowed: false },
      },
      { name: 'a GET of /auth/connect/twitter from another origin', call: get(OTHER, { url: 'https://api.example/auth/connect/twitter' }), peer: { allowed: false } },
    ],
  },
  {
    id: 'cors.preflight-route',
    peer: 'cors()',
    core: [NOT_AN_OBJECT],
    mount: (app, corsMiddleware, handler) => {
      app.options('/products/:id', corsMiddleware);
      app.delete('/products/:id', corsMiddleware, handler);
    },
    portcullis: "cors({ origin: '*' })",
    checks: [
      {
        name: 'a DELETE from any origin',
        call: get(OTHER, { method: 'DELETE', url: 'https://api.example/products/1' }),
        peer: { allowed: true, reached: ['actual'] },
      },
    ],
  },
  {
    id: 'cors.ordinary-options',
    peer: "cors({ origin: 'https://app.example', methods: ['GET', 'OPTIONS'] })",
    core: [{ code: 'option.renamed', fix: "rename it to 'allowMethods'" }],
    portcullis: "cors({ origin: 'https://app.example', allowMethods: ['GET', 'OPTIONS'] })",
    checks: ordinaryOptionsChecks(APP),
  },
  {
    id: 'cors.write-protection',
    peer: "cors({ origin: 'https://app.example', credentials: true })",
    core: 'accepted',
    checks: writeProtectionChecks(APP),
  },
  {
    id: 'cors.null-origin',
    peer: 'cors({ origin: function (origin, callback) { callback(null, true) } })',
    core: 'accepted',
    portcullis: 'cors({ origin: () => true })',
    checks: [
      { name: 'a GET from any site', call: get(OTHER), peer: { allowed: true } },
      { name: 'a GET from a sandboxed iframe (Origin: null)', call: get(OPAQUE), peer: { allowed: true }, portcullis: { allowed: false }, refusals: ['origin.null'] },
    ],
  },
  {
    id: 'cors.refused-preflight',
    peer: "cors({ origin: function (origin, callback) { callback(null, origin === 'https://app.example') } })",
    core: 'accepted',
    portcullis: "cors({ origin: (origin) => origin === 'https://app.example' })",
    checks: [
      { name: 'a JSON PUT from the front end', call: json(APP), peer: { allowed: true, reached: ['actual'] } },
      {
        name: 'a JSON PUT from another origin: the peer passes its preflight on to the app',
        call: json(OTHER),
        peer: { allowed: false, reached: ['preflight'] },
        portcullis: { allowed: false, reached: [] },
        refusals: ['origin.not-allowed'],
      },
    ],
  },
];
