// However the plugin is registered (awaited or not, before or after the routes, at the root, in
// an encapsulated, prefixed or fastify-plugin wrapped plugin, beside another registration), the
// same requests get the same answers: nothing the user could get wrong by the order of their
// code turns CORS or write protection off.

import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import fp from 'fastify-plugin';
import { describe, expect, test } from 'vitest';
import portcullis from '../src/index.js';
import { corsHeaders, EVIL, MYAPP, track } from './helpers.js';

const PARTNER = 'https://partner.example';
const POLICY = { origin: MYAPP, credentials: true, allowHeaders: ['content-type', 'x-csrf'] };
const PARTNER_POLICY = { origin: PARTNER, allowHeaders: ['x-api-key'] };

/** The application's routes, in one scope: `handled` records every handler that ran. */
function routes(scope: FastifyInstance, handled: string[]): void {
  const handler = async (request: { method: string; url: string }) => {
    handled.push(`${request.method} ${request.url}`);
    return { ok: true };
  };
  scope.get('/items/:id', handler);
  scope.delete('/items/:id', handler);
  scope.post('/transfer', handler);
  // Readable by any site, without cookies.
  scope.get('/status', { config: { cors: { origin: '*', credentials: false, allowHeaders: ['x-probe'] } } }, handler);
  // No cross-origin access at all.
  scope.post('/internal', { config: { cors: false } }, handler);
}

/** A plugin holding the routes and its own registration, in either order, neither awaited. */
function scope(handled: string[], order: 'plugin first' | 'routes first' = 'plugin first') {
  return async (instance: FastifyInstance) => {
    if (order === 'routes first') routes(instance, handled);
    void instance.register(portcullis, POLICY);
    if (order === 'plugin first') routes(instance, handled);
  };
}

interface Style {
  readonly name: string;
  /** Where the routes are mounted. */
  readonly base: string;
  readonly build: (app: FastifyInstance, handled: string[]) => Promise<void> | void;
}

const styles: Style[] = [
  {
    name: 'awaited, routes after',
    base: '',
    build: async (app, handled) => {
      await app.register(portcullis, POLICY);
      routes(app, handled);
    },
  },
  {
    name: 'not awaited, routes after',
    base: '',
    build: (app, handled) => {
      void app.register(portcullis, POLICY);
      routes(app, handled);
    },
  },
  {
    name: 'routes before, not awaited',
    base: '',
    build: (app, handled) => {
      routes(app, handled);
      void app.register(portcullis, POLICY);
    },
  },
  {
    name: 'routes before, awaited',
    base: '',
    build: async (app, handled) => {
      routes(app, handled);
      await app.register(portcullis, POLICY);
    },
  },
  {
    name: 'in an encapsulated plugin, not awaited',
    base: '',
    build: (app, handled) => {
      void app.register(scope(handled));
    },
  },
  {
    name: 'in a prefixed plugin, routes before',
    base: '/api',
    build: (app, handled) => {
      void app.register(scope(handled, 'routes first'), { prefix: '/api' });
    },
  },
  {
    name: 'in a fastify-plugin wrapped plugin',
    base: '',
    build: (app, handled) => {
      void app.register(fp(scope(handled)));
    },
  },
  {
    name: 'beside a partner registration with its own policy',
    base: '/api',
    build: (app, handled) => {
      void app.register(
        async (partners) => {
          void partners.register(portcullis, PARTNER_POLICY);
          partners.put('/orders/:id', async () => ({ ok: true }));
        },
        { prefix: '/partners' },
      );
      void app.register(scope(handled), { prefix: '/api' });
    },
  },
  {
    name: 'the routes in a plugin registered before the plugin, an authentication hook before both',
    base: '',
    build: (app, handled) => {
      void app.register(
        fp(async (instance) => {
          instance.addHook('onRequest', async (request, reply) => {
            if (request.headers.cookie === undefined && request.headers.authorization === undefined) return reply.code(401).send({ error: 'sign in' });
          });
        }),
      );
      void app.register(async (instance) => routes(instance, handled));
      void app.register(portcullis, POLICY);
    },
  },
];

const CROSS_SITE_WRITE = { origin: EVIL, 'sec-fetch-site': 'cross-site', cookie: 'session=1', 'content-type': 'text/plain' };

/** Each request, by what it is, against a style's base path. */
const requests: { kind: string; request: (base: string) => InjectOptions }[] = [
  {
    kind: 'preflight from the allowed origin',
    request: (base) => ({ method: 'OPTIONS', url: `${base}/items/1`, headers: { origin: MYAPP, 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'x-csrf' } }),
  },
  {
    kind: 'preflight from another origin',
    request: (base) => ({ method: 'OPTIONS', url: `${base}/items/1`, headers: { origin: EVIL, 'access-control-request-method': 'DELETE' } }),
  },
  { kind: 'allowed read, with cookies', request: (base) => ({ url: `${base}/items/1`, headers: { origin: MYAPP, cookie: 'session=1' } }) },
  { kind: 'refused read, with cookies', request: (base) => ({ url: `${base}/items/1`, headers: { origin: EVIL, 'sec-fetch-site': 'cross-site', cookie: 'session=1' } }) },
  { kind: 'cross-site write with cookies', request: (base) => ({ method: 'POST', url: `${base}/transfer`, headers: CROSS_SITE_WRITE, payload: 'to=evil' }) },
  { kind: 'a write from the allowed origin', request: (base) => ({ method: 'POST', url: `${base}/transfer`, headers: { ...CROSS_SITE_WRITE, origin: MYAPP }, payload: 'to=friend' }) },
  {
    kind: "preflight for a route with its own config.cors",
    request: (base) => ({ method: 'OPTIONS', url: `${base}/status`, headers: { origin: EVIL, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-probe' } }),
  },
  { kind: "read of a route with its own config.cors", request: (base) => ({ url: `${base}/status`, headers: { origin: EVIL, cookie: 'session=1' } }) },
  { kind: 'cross-site write with cookies to a route with config.cors: false', request: (base) => ({ method: 'POST', url: `${base}/internal`, headers: { ...CROSS_SITE_WRITE, origin: MYAPP }, payload: 'x' }) },
  {
    kind: 'preflight for a method no route serves',
    request: (base) => ({ method: 'OPTIONS', url: `${base}/items/1`, headers: { origin: MYAPP, 'access-control-request-method': 'PATCH' } }),
  },
];

/** What a response tells a browser and the server: status, CORS headers, Vary, and whether the handler ran. */
async function answers(style: Style): Promise<Record<string, unknown>> {
  const app = track(Fastify());
  const handled: string[] = [];
  await style.build(app, handled);
  await app.ready();
  const out: Record<string, unknown> = {};
  for (const { kind, request } of requests) {
    handled.length = 0;
    const response = await app.inject(request(style.base));
    out[kind] = { status: response.statusCode, cors: corsHeaders(response), vary: response.headers.vary, handled: handled.length };
  }
  return out;
}

describe('every registration style gives the same answers', () => {
  test('the answers themselves, registered the documented way', async () => {
    const answered = await answers(styles[0]!);
    expect(answered).toEqual({
      'preflight from the allowed origin': {
        status: 204,
        cors: {
          'access-control-allow-origin': MYAPP,
          'access-control-allow-credentials': 'true',
          'access-control-allow-methods': 'GET, HEAD, DELETE',
          'access-control-allow-headers': 'content-type, x-csrf',
          'access-control-max-age': '600',
        },
        vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
        handled: 0,
      },
      'preflight from another origin': {
        status: 403,
        cors: { 'portcullis-refusal': 'origin https://evil.example is not allowed' },
        vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
        handled: 0,
      },
      'allowed read, with cookies': { status: 200, cors: { 'access-control-allow-origin': MYAPP, 'access-control-allow-credentials': 'true' }, vary: 'Origin', handled: 1 },
      'refused read, with cookies': { status: 200, cors: {}, vary: 'Origin', handled: 1 },
      'cross-site write with cookies': {
        status: 403,
        cors: { 'portcullis-refusal': 'cross-site POST from https://evil.example refused: the origin is not allowed' },
        vary: 'Origin',
        handled: 0,
      },
      'a write from the allowed origin': { status: 200, cors: { 'access-control-allow-origin': MYAPP, 'access-control-allow-credentials': 'true' }, vary: 'Origin', handled: 1 },
      'preflight for a route with its own config.cors': {
        status: 204,
        cors: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD', 'access-control-allow-headers': 'x-probe', 'access-control-max-age': '600' },
        vary: 'Access-Control-Request-Method, Access-Control-Request-Headers',
        handled: 0,
      },
      'read of a route with its own config.cors': { status: 200, cors: { 'access-control-allow-origin': '*' }, vary: undefined, handled: 1 },
      'cross-site write with cookies to a route with config.cors: false': {
        status: 403,
        cors: { 'portcullis-refusal': 'cross-site POST from https://myapp.es refused: the origin is not allowed' },
        vary: 'Origin',
        handled: 0,
      },
      'preflight for a method no route serves': {
        status: 204,
        cors: {
          'access-control-allow-origin': MYAPP,
          'access-control-allow-credentials': 'true',
          'access-control-allow-methods': 'GET, HEAD, DELETE',
          'portcullis-refusal': expect.stringContaining("method 'PATCH' is not allowed"),
        },
        vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
        handled: 0,
      },
    });
  });

  test.each(styles.slice(1).map((style) => [style.name, style] as const))('%s', async (_name, style) => {
    expect(await answers(style)).toEqual(await answers(styles[0]!));
  });

  test("the partner registration beside them keeps its own policy", async () => {
    const app = track(Fastify());
    await styles.find((s) => s.name.startsWith('beside'))!.build(app, []);
    await app.ready();
    const partner = await app.inject({ method: 'OPTIONS', url: '/partners/orders/1', headers: { origin: PARTNER, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'x-api-key' } });
    expect(partner.statusCode).toBe(204);
    expect(partner.headers['access-control-allow-origin']).toBe(PARTNER);
    const mine = await app.inject({ method: 'OPTIONS', url: '/partners/orders/1', headers: { origin: MYAPP, 'access-control-request-method': 'PUT' } });
    expect(mine.statusCode).toBe(403);
  });
});
