import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, test } from 'vitest';
import portcullis from '../src/index.js';
import { appWith, corsHeaders, EVIL, MYAPP } from './helpers.js';

const ALLOWED = {
  'access-control-allow-origin': MYAPP,
  'access-control-allow-credentials': 'true',
  'access-control-expose-headers': 'x-request-id',
};

// Every way a Fastify app produces a response; each must carry the CORS headers.
async function everyPath(): Promise<FastifyInstance> {
  return appWith({ origin: [MYAPP], credentials: true, exposeHeaders: ['x-request-id'] }, (app) => {
    app.get('/ok', async () => ({ ok: true }));
    app.post(
      '/validated',
      { schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } },
      async () => 'created',
    );
    app.get('/thrown', async () => {
      throw new Error('boom');
    });
    app.get('/status-error', async (_request, reply) => reply.code(418).send(new Error('teapot')));
    app.get('/web-response', async () => new Response('from fetch', { status: 201, headers: { 'x-kind': 'web' } }));
    app.get('/web-redirect', async () => Response.redirect('https://myapp.es/elsewhere', 302));
    app.get('/stream', async (_request, reply) => reply.type('text/plain').send(Readable.from(['a', 'b'])));
    app.get('/not-found-call', async (_request, reply) => reply.callNotFound());
    app.register(async (scoped) => {
      scoped.setErrorHandler(async (_error, _request, reply) => reply.code(503).send({ custom: true }));
      scoped.get('/custom-error', async () => {
        throw new Error('custom');
      });
    });
  });
}

describe('CORS headers are on every response to an allowed origin', () => {
  test.each([
    ['a handler result', 'GET', '/ok', 200],
    ['a 404', 'GET', '/nowhere', 404],
    ['a 404 from reply.callNotFound()', 'GET', '/not-found-call', 404],
    ['a schema validation error', 'POST', '/validated', 400],
    ['a thrown error', 'GET', '/thrown', 500],
    ['an error sent with a status', 'GET', '/status-error', 418],
    ["a scoped plugin's custom error handler", 'GET', '/custom-error', 503],
    ['reply.send(new Response(...))', 'GET', '/web-response', 201],
    ['a Response.redirect() (immutable headers)', 'GET', '/web-redirect', 302],
    ['a streamed body', 'GET', '/stream', 200],
  ])('%s', async (_name, method, url, status) => {
    const app = await everyPath();
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers: { origin: MYAPP, 'content-type': 'application/json' },
      ...(method === 'POST' ? { payload: '{}' } : {}),
    });
    expect(response.statusCode).toBe(status);
    expect(corsHeaders(response)).toEqual(ALLOWED);
    expect(response.headers.vary).toBe('Origin');
  });

  test('a WHATWG Response keeps its status, headers and body', async () => {
    const response = await (await everyPath()).inject({ url: '/web-response', headers: { origin: MYAPP } });
    expect(response.headers['x-kind']).toBe('web');
    expect(response.body).toBe('from fetch');
  });
});

describe('refused origins and requests without Origin', () => {
  test('a refused origin still gets the response, without any CORS header, with Vary: Origin', async () => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.get('/leaky', async (_request, reply) => {
        reply.header('access-control-allow-origin', '*').header('access-control-allow-credentials', 'true');
        return 'data';
      });
    });
    const response = await app.inject({ url: '/leaky', headers: { origin: EVIL } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('data');
    expect(corsHeaders(response)).toEqual({});
    expect(response.headers.vary).toBe('Origin');
  });

  test("a refused origin's 404 has no CORS header either", async () => {
    const app = await appWith({ origin: MYAPP }, () => {});
    const response = await app.inject({ url: '/nowhere', headers: { origin: 'null' } });
    expect(response.statusCode).toBe(404);
    expect(corsHeaders(response)).toEqual({});
  });

  test.each([
    ['an origin-dependent policy adds Vary: Origin', { origin: MYAPP }, 'Origin'],
    ["origin '*' adds no Vary", { origin: '*' }, undefined],
  ])('without Origin, %s', async (_name, options, vary) => {
    const app = await appWith(options, (a) => {
      a.get('/x', async () => 'x');
    });
    const response = await app.inject({ url: '/x' });
    expect(corsHeaders(response)).toEqual({});
    expect(response.headers.vary).toBe(vary);
  });
});

describe("Vary is merged with the route's own, never overwritten", () => {
  test.each([
    ['reply.header', async (_q: unknown, reply: { header(n: string, v: string): unknown }) => {
      reply.header('vary', 'Accept-Encoding');
      return 'x';
    }, 'Accept-Encoding, Origin'],
    ['a WHATWG Response', async () => new Response('x', { headers: { vary: 'Accept' } }), 'Accept, Origin'],
    ['a Vary that already lists origin', async (_q: unknown, reply: { header(n: string, v: string): unknown }) => {
      reply.header('vary', 'origin');
      return 'x';
    }, 'origin'],
    ['Vary: *', async (_q: unknown, reply: { header(n: string, v: string): unknown }) => {
      reply.header('vary', '*');
      return 'x';
    }, '*'],
  ])('set by %s', async (_name, handler, vary) => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.get('/x', handler as never);
    });
    const response = await app.inject({ url: '/x', headers: { origin: MYAPP } });
    expect(response.headers.vary).toBe(vary);
  });

  test('a stale Access-Control-Allow-Origin in a WHATWG Response is replaced, not duplicated', async () => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.get('/x', async () => new Response('x', { headers: { 'access-control-allow-origin': '*' } }));
    });
    const response = await app.inject({ url: '/x', headers: { origin: MYAPP } });
    expect(response.headers['access-control-allow-origin']).toBe(MYAPP);
  });
});

describe('route configuration of actual requests', () => {
  async function app(): Promise<FastifyInstance> {
    return appWith({ origin: [MYAPP], credentials: true }, (a) => {
      a.get('/public', { config: { cors: { origin: '*', credentials: false } } }, async () => 'public');
      a.get('/internal', { config: { cors: false } }, async (_request, reply) => {
        reply.header('vary', 'Cookie');
        return 'internal';
      });
    });
  }

  test("an override replaces the plugin's answer", async () => {
    const response = await (await app()).inject({ url: '/public', headers: { origin: EVIL } });
    expect(corsHeaders(response)).toEqual({ 'access-control-allow-origin': '*' });
    expect(response.headers.vary).toBeUndefined();
  });

  test('cors: false leaves the response alone, even for an allowed origin', async () => {
    const response = await (await app()).inject({ url: '/internal', headers: { origin: MYAPP } });
    expect(corsHeaders(response)).toEqual({});
    expect(response.headers.vary).toBe('Cookie');
  });
});

describe('registration order', () => {
  test('routes added before the plugin loaded still get CORS on their responses', async () => {
    const app = Fastify();
    void app.register(portcullis, { origin: MYAPP });
    app.get('/early', { config: { cors: { exposeHeaders: ['x-early'] } } }, async () => 'early');
    await app.ready();
    const response = await app.inject({ url: '/early', headers: { origin: MYAPP } });
    await app.close();
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': MYAPP,
      'access-control-expose-headers': 'x-early',
    });
  });

  test('the plugin cannot be registered twice on one instance', async () => {
    const app = Fastify();
    await app.register(portcullis, { origin: MYAPP });
    void app.register(portcullis, { origin: MYAPP });
    await expect(app.ready()).rejects.toThrow(/already registered/);
    await app.close();
  });
});
