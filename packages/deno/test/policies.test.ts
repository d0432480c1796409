// A policy in place of the options: one cors() shared by several servers, or corsByRequest()
// choosing per request, for both shapes withCors takes.

import assert from 'node:assert/strict';
// The adapter entry is not on JSR yet, so the package has its own check; it must agree.
import { isCorsPolicy } from '../../core/src/adapter.ts';
import { cors, CorsConfigError, corsByRequest, withCors } from '../src/index.ts';
import { send, serve } from './helpers.ts';

const APP = 'https://myapp.es';
const OTHER = 'https://evil.example';

Deno.test('withCors(handler, policy) on Deno.serve: the policy decides, info still reaches the handler', async () => {
  const policy = cors({ origin: APP, credentials: true });
  const seen: string[] = [];
  await using server = serve(
    withCors((_request, info) => (seen.push(info.remoteAddr.hostname), new Response('ok')), policy),
  );
  const { response } = await send(server.origin, { headers: { origin: APP } });
  assert.equal(response.headers.get('access-control-allow-origin'), APP);
  assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
  const forged = await send(server.origin, { method: 'POST', headers: { origin: OTHER, 'sec-fetch-site': 'cross-site' } });
  assert.equal(forged.response.status, 403);
  assert.deepEqual(seen, ['127.0.0.1']);
});

Deno.test('withCors(definition, corsByRequest(...)): each path gets its policy', async () => {
  // The README's example, as it is.
  const admin = cors({ origin: 'https://admin.myapp.es', credentials: true });
  const open = cors({ origin: '*' });
  const api = withCors(
    { fetch: (request: Request) => new Response(new URL(request.url).pathname) },
    corsByRequest((request: Request) => (new URL(request.url).pathname.startsWith('/admin/') ? admin : open)),
  ) satisfies Deno.ServeDefaultExport;
  const definition = api;
  await using server = serve((request) => definition.fetch(request));

  const adminPreflight = await send(`${server.origin}/admin/users`, {
    method: 'OPTIONS',
    headers: { origin: 'https://admin.myapp.es', 'access-control-request-method': 'DELETE' },
  });
  assert.equal(adminPreflight.response.status, 204);
  assert.equal(adminPreflight.response.headers.get('access-control-allow-origin'), 'https://admin.myapp.es');
  assert.equal(adminPreflight.response.headers.get('access-control-allow-credentials'), 'true');

  const refused = await send(`${server.origin}/admin/users`, { method: 'OPTIONS', headers: { origin: OTHER, 'access-control-request-method': 'DELETE' } });
  assert.equal(refused.response.status, 403);
  const status = await send(`${server.origin}/status`, { headers: { origin: OTHER } });
  assert.equal(status.response.headers.get('access-control-allow-origin'), '*');
  assert.equal(status.body, '/status');

  // Only the admin policy (credentials) protects writes.
  const forged = { method: 'POST', headers: { origin: OTHER, 'sec-fetch-site': 'cross-site' } };
  assert.equal((await send(`${server.origin}/admin/users`, forged)).response.status, 403);
  assert.equal((await send(`${server.origin}/status`, forged)).response.status, 200);
});

Deno.test("withCors tells a policy from options as the core's isCorsPolicy does", () => {
  const policy = cors({ origin: APP });
  const candidates: { name: string; value: object }[] = [
    { name: 'cors()', value: policy },
    { name: 'corsByRequest()', value: corsByRequest(() => policy) },
    { name: 'withRouteMethods()', value: policy.withRouteMethods(['GET']) },
    { name: 'a copy of a policy', value: { ...policy } },
    { name: 'without intercept', value: { wrap: policy.wrap, apply: policy.apply } },
    { name: 'without apply', value: { wrap: policy.wrap, intercept: policy.intercept } },
    { name: 'wrap that is not a function', value: { wrap: 'no', apply: policy.apply, intercept: policy.intercept } },
  ];
  for (const { name, value } of candidates) {
    let tookAsPolicy = true;
    try {
      withCors(() => new Response('ok'), value as never);
    } catch (error) {
      assert.ok(error instanceof CorsConfigError, `${name}: ${error}`);
      tookAsPolicy = false;
    }
    assert.equal(tookAsPolicy, isCorsPolicy(value), name);
  }
});
