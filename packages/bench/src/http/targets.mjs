// The HTTP servers compared, grouped by the baseline each is compared with.

import { ALLOWED_ORIGIN, REFUSED_ORIGIN } from '../scenarios.mjs';

/**
 * Fastify's servers get every kind of traffic: @portcullis/fastify is compared with
 * @fastify/cors on allowed and refused preflights, and with bare Fastify where CORS is a small
 * part of the request (allowed simple requests, requests without Origin).
 */
const FASTIFY_KINDS = ['simple', 'no-origin', 'preflight', 'preflight-refused'];

export const HTTP_TARGETS = [
  { id: 'fastify-bare', group: 'fastify', label: 'Fastify (bare)', runtime: 'node', script: 'fastify.mjs', variant: 'bare', kinds: FASTIFY_KINDS },
  { id: 'fastify-portcullis', group: 'fastify', label: 'Fastify + @portcullis/fastify', runtime: 'node', script: 'fastify.mjs', variant: 'portcullis', kinds: FASTIFY_KINDS },
  { id: 'fastify-cors', group: 'fastify', label: 'Fastify + @fastify/cors', runtime: 'node', script: 'fastify.mjs', variant: 'fastify-cors', kinds: FASTIFY_KINDS },
  { id: 'node-bare', group: 'node', label: 'Node http + @whatwg-node/server (bare)', runtime: 'node', script: 'node-whatwg.mjs', variant: 'bare' },
  // Reference points: the bare handler plus the same three headers an allowed GET gets, set
  // statically. The gap between bare and these is the cost of sending the headers at all.
  { id: 'node-headers', group: 'node', label: 'Node http + @whatwg-node/server, static CORS headers', runtime: 'node', script: 'node-whatwg.mjs', variant: 'headers', kinds: ['simple'] },
  { id: 'node-portcullis', group: 'node', label: 'Node http + @whatwg-node/server + @portcullis/core', runtime: 'node', script: 'node-whatwg.mjs', variant: 'portcullis' },
  { id: 'bun-bare', group: 'bun', label: 'Bun.serve (bare)', runtime: 'bun', script: 'bun.mjs', variant: 'bare' },
  { id: 'bun-headers', group: 'bun', label: 'Bun.serve, static CORS headers', runtime: 'bun', script: 'bun.mjs', variant: 'headers', kinds: ['simple'] },
  { id: 'bun-portcullis', group: 'bun', label: 'Bun.serve + @portcullis/bun', runtime: 'bun', script: 'bun.mjs', variant: 'portcullis' },
  { id: 'express-bare', group: 'express', label: 'Express (bare)', runtime: 'node', script: 'express.mjs', variant: 'bare' },
  { id: 'express-headers', group: 'express', label: 'Express, static CORS headers', runtime: 'node', script: 'express.mjs', variant: 'headers', kinds: ['simple'] },
  { id: 'express-cors', group: 'express', label: 'Express + cors', runtime: 'node', script: 'express.mjs', variant: 'cors' },
  { id: 'express-portcullis', group: 'express', label: 'Express + @portcullis/node', runtime: 'node', script: 'express.mjs', variant: 'portcullis' },
  // Plain node:http: withCors against the same listener writing the same headers statically.
  { id: 'node-http-headers', group: 'node-http', label: 'node:http, static CORS headers', runtime: 'node', script: 'node-http.mjs', variant: 'headers', kinds: ['simple'] },
  { id: 'node-http-portcullis', group: 'node-http', label: 'node:http + @portcullis/node withCors', runtime: 'node', script: 'node-http.mjs', variant: 'portcullis' },
];

const preflightFrom = (origin) => ({
  method: 'OPTIONS',
  headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type,x-request-id' },
});

/** Request shapes sent by the load generator; the same for every server that takes that kind. */
export const TRAFFIC = {
  simple: { method: 'GET', headers: { origin: ALLOWED_ORIGIN } },
  'no-origin': { method: 'GET', headers: {} },
  preflight: preflightFrom(ALLOWED_ORIGIN),
  'preflight-refused': preflightFrom(REFUSED_ORIGIN),
};

/** The kinds of traffic a target is loaded with. */
export const kindsOf = (target) => target.kinds ?? ['simple', 'preflight'];
