import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, test } from 'vitest';
import portcullis from '../src/index.js';
import { corsHeaders, MYAPP, ok, preflight, track } from './helpers.js';

// Registered inside an encapsulated or prefixed plugin, the plugin governs that scope's routes:
// their preflights (which Fastify routes to the root's 404, outside the scope) are answered
// with the scope's policy, and their responses get the scope's headers.

const PARTNER = 'https://partner.example';

/** The root without the plugin; /public for anyone, /private for the app with cookies. */
async function twoScopes(): Promise<FastifyInstance> {
  const app = track(Fastify());
  app.get('/health', ok);
  app.delete('/root-only/:id', ok);
  await app.register(
    async (pub) => {
      await pub.register(portcullis, { origin: '*' });
      pub.get('/', ok);
      pub.put('/items/:id', ok);
    },
    { prefix: '/public' },
  );
  await app.register(
    async (priv) => {
      await priv.register(portcullis, { origin: MYAPP, credentials: true, allowHeaders: ['content-type', 'authorization'] });
      priv.delete('/items/:id', ok);
    },
    { prefix: '/private' },
  );
  await app.ready();
  return app;
}

describe('several scopes with different policies, the root without the plugin', () => {
  test.each([
    { rule: 'a prefixed scope answers its routes’ preflights with its policy', url: '/public/items/1', method: 'PUT', origin: 'https://anyone.example', status: 204, acao: '*', acac: undefined },
    { rule: 'the index route of a prefixed scope, without the slash (fastify-cors #281)', url: '/public', method: 'GET', origin: 'https://anyone.example', status: 204, acao: '*', acac: undefined },
    { rule: 'the index route of a prefixed scope, with the slash', url: '/public/', method: 'GET', origin: 'https://anyone.example', status: 204, acao: '*', acac: undefined },
    { rule: 'another scope answers with its own policy', url: '/private/items/1', method: 'DELETE', origin: MYAPP, status: 204, acao: MYAPP, acac: 'true' },
    { rule: "another scope's policy refuses what the first allows", url: '/private/items/1', method: 'DELETE', origin: 'https://anyone.example', status: 403, acao: undefined, acac: undefined },
    { rule: "a method the scope's routes do not serve is refused by that scope, naming it to the browser", url: '/public/items/1', method: 'DELETE', origin: MYAPP, status: 204, acao: '*', acac: undefined },
    { rule: 'a URL in a scope with no route at all is decided by that scope, which advertises no method', url: '/public/nothing/here', method: 'DELETE', origin: MYAPP, status: 204, acao: '*', acac: undefined },
    { rule: "a root route is no scope's: Fastify answers as without the plugin", url: '/root-only/1', method: 'DELETE', origin: MYAPP, status: 404, acao: undefined, acac: undefined },
    { rule: "a URL outside every scope is no scope's either", url: '/elsewhere', method: 'DELETE', origin: MYAPP, status: 404, acao: undefined, acac: undefined },
  ])('$rule', async ({ url, method, origin, status, acao, acac }) => {
    const response = await preflight(await twoScopes(), url, method, { origin, requestHeaders: 'authorization' });
    expect(response.statusCode).toBe(status);
    expect(response.headers['access-control-allow-origin']).toBe(acao);
    expect(response.headers['access-control-allow-credentials']).toBe(acac);
  });

  test.each([
    { rule: "a scope's route gets its scope's headers", url: '/public/items/1', method: 'PUT', origin: 'https://anyone.example', cors: { 'access-control-allow-origin': '*' } },
    {
      rule: 'the other scope’s route gets its own',
      url: '/private/items/1',
      method: 'DELETE',
      origin: MYAPP,
      cors: { 'access-control-allow-origin': MYAPP, 'access-control-allow-credentials': 'true' },
    },
    { rule: 'a root route gets none', url: '/health', method: 'GET', origin: MYAPP, cors: {} },
    { rule: "a 404 under a scope's prefix gets the scope's headers", url: '/public/nowhere', method: 'GET', origin: 'https://anyone.example', cors: { 'access-control-allow-origin': '*' } },
    { rule: 'a 404 outside every scope gets none', url: '/nowhere', method: 'GET', origin: MYAPP, cors: {} },
  ])('$rule', async ({ url, method, origin, cors }) => {
    const response = await (await twoScopes()).inject({ method: method as 'GET', url, headers: { origin } });
    expect(corsHeaders(response)).toEqual(cors);
  });
});

describe('an encapsulated plugin without a prefix', () => {
  test("governs its own routes, not its siblings'", async () => {
    const app = track(Fastify());
    await app.register(async (api) => {
      await api.register(portcullis, { origin: MYAPP });
      api.delete('/items/:id', ok);
    });
    await app.register(async (other) => {
      other.delete('/other/:id', ok);
    });
    await app.ready();
    expect((await preflight(app, '/items/1', 'DELETE')).statusCode).toBe(204);
    expect((await preflight(app, '/other/1', 'DELETE')).headers['access-control-allow-origin']).toBeUndefined();
    expect((await app.inject({ method: 'DELETE', url: '/other/1', headers: { origin: MYAPP } })).headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('a registration inside another governs its own scope', () => {
  async function nested(): Promise<FastifyInstance> {
    const app = track(Fastify());
    await app.register(portcullis, { origin: MYAPP, credentials: true });
    app.delete('/mine/:id', ok);
    await app.register(
      async (partners) => {
        await partners.register(portcullis, { origin: PARTNER, allowHeaders: ['x-api-key'] });
        partners.put('/orders/:id', ok);
        // A route override is merged over the scope's options, not the root's.
        partners.get('/catalog', { config: { cors: { exposeHeaders: ['x-page'] } } }, ok);
      },
      { prefix: '/partners' },
    );
    await app.ready();
    return app;
  }

  test.each([
    { rule: "the inner scope's routes use its policy", url: '/partners/orders/1', method: 'PUT', origin: PARTNER, requestHeaders: 'x-api-key', status: 204, acao: PARTNER },
    { rule: "the outer policy's origin does not reach them", url: '/partners/orders/1', method: 'PUT', origin: MYAPP, requestHeaders: 'x-api-key', status: 403, acao: undefined },
    { rule: 'the outer routes keep the outer policy', url: '/mine/1', method: 'DELETE', origin: MYAPP, requestHeaders: 'content-type', status: 204, acao: MYAPP },
  ])('$rule', async ({ url, method, origin, requestHeaders, status, acao }) => {
    const response = await preflight(await nested(), url, method, { origin, requestHeaders });
    expect(response.statusCode).toBe(status);
    expect(response.headers['access-control-allow-origin']).toBe(acao);
  });

  test("an inner route's config.cors is merged over the inner options", async () => {
    const response = await (await nested()).inject({ url: '/partners/catalog', headers: { origin: PARTNER } });
    expect(corsHeaders(response)).toEqual({ 'access-control-allow-origin': PARTNER, 'access-control-expose-headers': 'x-page' });
  });

  test("unrouted URLs under the inner prefix are the inner scope's, the rest the root's", async () => {
    const app = await nested();
    const inner = await app.inject({ url: '/partners/nowhere', headers: { origin: PARTNER } });
    expect(inner.headers['access-control-allow-origin']).toBe(PARTNER);
    const outer = await app.inject({ url: '/nowhere', headers: { origin: MYAPP } });
    expect(outer.headers['access-control-allow-origin']).toBe(MYAPP);
  });
});
