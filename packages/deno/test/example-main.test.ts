// examples/deno/main.ts, run by a real `deno serve` in a child process: the default-export
// form of withCors, as Deno Deploy runs it.

import assert from 'node:assert/strict';
import { runCases, type HttpCase } from './cases.ts';
import { denoServe, echoOverWebSocket, rawHandshake, repoPath } from './helpers.ts';

const APP = 'https://myapp.es';

const cases: HttpCase[] = [
  {
    rule: 'an allowed preflight is answered 204 with the configured max-age',
    method: 'OPTIONS',
    path: '/api',
    headers: { origin: APP, 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'content-type' },
    status: 204,
    expectHeaders: {
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '3600',
      'access-control-allow-credentials': null,
    },
    varyIncludes: ['Origin', 'Access-Control-Request-Method', 'Access-Control-Request-Headers'],
  },
  {
    rule: 'a preflight from a disallowed origin is refused 403',
    method: 'OPTIONS',
    path: '/api',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'DELETE' },
    status: 403,
    expectHeaders: {
      'access-control-allow-origin': null,
      'access-control-allow-methods': null,
      'access-control-max-age': null,
      'portcullis-refusal': 'origin https://evil.example is not allowed',
    },
    bodyIs: '',
  },
  {
    rule: 'a preflight for a header that is not allowed is explained: 204, the allowed headers, no Max-Age',
    method: 'OPTIONS',
    path: '/api',
    headers: { origin: APP, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type,x-trace' },
    status: 204,
    expectHeaders: {
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': null,
      'portcullis-refusal': "request header 'x-trace' is not allowed",
    },
    bodyIs: '',
  },
  {
    rule: 'an actual request from a listed origin is exposed; the handler saw info',
    path: '/api',
    headers: { origin: APP },
    status: 200,
    expectHeaders: { 'access-control-allow-origin': APP, 'access-control-allow-credentials': null },
    varyIncludes: ['Origin'],
    bodyIncludes: '"transport":"tcp"',
  },
  {
    rule: 'a subdomain matches https://*.myapp.es',
    path: '/api',
    headers: { origin: 'https://eu.api.myapp.es' },
    status: 200,
    expectHeaders: { 'access-control-allow-origin': 'https://eu.api.myapp.es' },
  },
  {
    rule: 'a wildcard pattern does not match a different scheme',
    path: '/api',
    headers: { origin: 'http://eu.myapp.es' },
    status: 200,
    expectHeaders: { 'access-control-allow-origin': null },
    varyIncludes: ['Origin'],
  },
  {
    rule: 'a disallowed origin is not exposed, and the answer varies by Origin',
    path: '/api',
    headers: { origin: 'https://evilmyapp.es' },
    status: 200,
    expectHeaders: { 'access-control-allow-origin': null },
    varyIncludes: ['Origin'],
  },
  {
    rule: 'a request without Origin carries Vary: Origin',
    path: '/api',
    status: 200,
    varyIncludes: ['Origin'],
  },
];

Deno.test('examples/deno/main.ts and server.ts type-check (deno serve itself does not check)', async () => {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ['check', 'main.ts', 'server.ts'],
    cwd: repoPath('examples/deno'),
    stdin: 'null',
    env: { NO_COLOR: '1' },
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr));
});

Deno.test('examples/deno/main.ts under `deno serve`', async (t) => {
  await using server = await denoServe('main.ts', repoPath('examples/deno'));
  await runCases(t, server.origin, cases);

  await t.step('a WebSocket upgrade through the default export still works', async () => {
    assert.equal(await echoOverWebSocket(server.origin.replace('http:', 'ws:') + '/ws', APP, 'ping'), 'echo: ping');
    const { status, headers } = await rawHandshake(server.origin, '/ws', APP);
    assert.equal(status, 101);
    assert.equal(headers.get('access-control-allow-origin'), null);
  });
});
