// examples/deno/server.ts, served by a real Deno.serve: the handler form of withCors.

import assert from 'node:assert/strict';
import { handler } from '../../../examples/deno/server.ts';
import { runCases, type HttpCase } from './cases.ts';
import { echoOverWebSocket, rawHandshake, serve } from './helpers.ts';

const APP = 'https://myapp.es';
const preflight = (origin: string, method: string, headers?: string): Record<string, string> => ({
  origin,
  'access-control-request-method': method,
  ...(headers === undefined ? {} : { 'access-control-request-headers': headers }),
});

const cases: HttpCase[] = [
  {
    rule: 'an allowed preflight is answered 204 with the methods, headers, credentials and max-age',
    method: 'OPTIONS',
    path: '/api/hello',
    headers: preflight(APP, 'PUT', 'authorization,content-type'),
    status: 204,
    expectHeaders: {
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
      'access-control-allow-headers': 'content-type, authorization',
      'access-control-max-age': '600',
    },
    varyIncludes: ['Origin', 'Access-Control-Request-Method', 'Access-Control-Request-Headers'],
  },
  {
    rule: 'a preflight from a disallowed origin is refused 403 without CORS headers',
    method: 'OPTIONS',
    path: '/api/hello',
    headers: preflight('https://evil.example', 'PUT'),
    status: 403,
    expectHeaders: {
      'access-control-allow-origin': null,
      'access-control-allow-credentials': null,
      'access-control-allow-methods': null,
      'access-control-allow-headers': null,
      'access-control-max-age': null,
      'portcullis-refusal': 'origin https://evil.example is not allowed',
    },
    varyIncludes: ['Origin', 'Access-Control-Request-Method', 'Access-Control-Request-Headers'],
    bodyIs: '',
  },
  {
    rule: 'a preflight for a header that is not allowed is explained: 204, the allowed headers, never x-custom, no Max-Age',
    method: 'OPTIONS',
    path: '/api/hello',
    headers: preflight(APP, 'PUT', 'x-custom'),
    status: 204,
    expectHeaders: {
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
      'access-control-allow-headers': 'content-type, authorization',
      'access-control-max-age': null,
      'portcullis-refusal': "request header 'x-custom' is not allowed",
    },
    bodyIs: '',
  },
  {
    rule: 'a preflight for a lowercase method is explained: only six methods are uppercased by browsers',
    method: 'OPTIONS',
    path: '/api/hello',
    headers: preflight(APP, 'patch'),
    status: 204,
    expectHeaders: {
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
      'access-control-max-age': null,
      'portcullis-refusal': "method 'patch' is not allowed (allowed: GET, HEAD, POST, PUT, PATCH, DELETE)",
    },
    bodyIs: '',
  },
  {
    rule: 'an actual request from the allowed origin exposes the response, with credentials',
    path: '/api/hello',
    headers: { origin: APP },
    status: 200,
    expectHeaders: {
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'x-request-id',
    },
    varyIncludes: ['Origin'],
    bodyIncludes: '"from":"127.0.0.1"',
  },
  {
    rule: 'an actual request from a disallowed origin is served but not exposed, and varies by Origin',
    path: '/api/hello',
    headers: { origin: 'https://evil.example' },
    status: 200,
    expectHeaders: { 'access-control-allow-origin': null, 'access-control-allow-credentials': null },
    varyIncludes: ['Origin'],
    bodyIncludes: '"hello":"world"',
  },
  {
    rule: 'a look-alike origin (suffix) is not allowed',
    path: '/api/hello',
    headers: { origin: 'https://myapp.es.evil.io' },
    status: 200,
    expectHeaders: { 'access-control-allow-origin': null },
  },
  {
    rule: 'Origin: null (sandboxed iframes) is never allowed',
    path: '/api/hello',
    headers: { origin: 'null' },
    status: 200,
    expectHeaders: { 'access-control-allow-origin': null },
    varyIncludes: ['Origin'],
  },
  {
    rule: 'a request without Origin still carries Vary: Origin, so caches keep answers apart',
    path: '/api/hello',
    status: 200,
    expectHeaders: { 'access-control-allow-origin': null },
    varyIncludes: ['Origin'],
  },
  {
    rule: 'a 404 carries CORS headers, so the browser shows the real error',
    path: '/missing',
    headers: { origin: APP },
    status: 404,
    expectHeaders: { 'access-control-allow-origin': APP },
  },
  {
    rule: 'a cross-site POST from a disallowed origin never reaches the handler (credentials protect writes)',
    method: 'POST',
    path: '/api/hello',
    headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
    status: 403,
    expectHeaders: {
      'access-control-allow-origin': null,
      'portcullis-refusal': 'cross-site POST from https://evil.example refused: the origin is not allowed',
    },
    varyIncludes: ['Origin'],
    bodyIs: '',
  },
  {
    rule: 'a POST from the allowed origin reaches it',
    method: 'POST',
    path: '/api/hello',
    headers: { origin: APP, 'sec-fetch-site': 'same-site', 'content-type': 'text/plain' },
    status: 200,
    expectHeaders: { 'access-control-allow-origin': APP },
    bodyIncludes: '"hello":"world"',
  },
  {
    rule: 'OPTIONS without Access-Control-Request-Method belongs to the handler',
    method: 'OPTIONS',
    path: '/missing',
    headers: { origin: APP },
    status: 404,
    expectHeaders: { 'access-control-allow-origin': APP, 'access-control-allow-methods': null },
    bodyIncludes: 'Not found',
  },
];

Deno.test('examples/deno/server.ts on Deno.serve', async (t) => {
  await using server = serve(handler);
  await runCases(t, server.origin, cases);

  await t.step('a WebSocket upgrade still works, from any origin: WebSockets are not CORS', async () => {
    const ws = server.origin.replace('http:', 'ws:') + '/ws';
    assert.equal(await echoOverWebSocket(ws, APP, 'hi'), 'echo: hi');
    assert.equal(await echoOverWebSocket(ws, 'https://evil.example', 'hi'), 'echo: hi');
  });

  await t.step('the 101 response goes out untouched: no CORS header, no Vary', async () => {
    const { status, headers } = await rawHandshake(server.origin, '/ws', APP);
    assert.equal(status, 101);
    assert.equal(headers.get('upgrade')?.toLowerCase(), 'websocket');
    assert.deepEqual([...headers.keys()].filter((name) => name.startsWith('access-control-') || name === 'vary'), []);
  });
});
