import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { describe, expect, test } from 'vitest';
import portcullis, { type PortcullisFastifyOptions } from '../src/index.js';
import { appWith, corsHeaders, EVIL, MYAPP, preflight, track } from './helpers.js';

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
    void app.register(async (scoped) => {
      scoped.setErrorHandler(async (_error, _request, reply) => reply.code(503).send({ custom: true }));
      scoped.get('/custom-error', async () => {
        throw new Error('custom');
      });
    });
  });
}

describe('CORS headers are on every response to an allowed origin', () => {
  test.each([
    { rule: 'a handler result', method: 'GET', url: '/ok', status: 200 },
    { rule: 'a 404', method: 'GET', url: '/nowhere', status: 404 },
    { rule: 'a 404 from reply.callNotFound()', method: 'GET', url: '/not-found-call', status: 404 },
    { rule: 'a schema validation error', method: 'POST', url: '/validated', status: 400 },
    { rule: 'a thrown error', method: 'GET', url: '/thrown', status: 500 },
    { rule: 'an error sent with a status', method: 'GET', url: '/status-error', status: 418 },
    { rule: "a scoped plugin's custom error handler", method: 'GET', url: '/custom-error', status: 503 },
    { rule: 'reply.send(new Response(...))', method: 'GET', url: '/web-response', status: 201 },
    { rule: 'a Response.redirect() (immutable headers)', method: 'GET', url: '/web-redirect', status: 302 },
    { rule: 'a streamed body', method: 'GET', url: '/stream', status: 200 },
  ])('$rule', async ({ method, url, status }) => {
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

  test('a request Fastify rejects before routing gets no CORS header (no hook runs): as without the plugin', async () => {
    const app = await everyPath();
    const response = await app.inject({ url: '/%zz', headers: { origin: MYAPP } });
    expect(response.statusCode).toBe(400);
    expect(corsHeaders(response)).toEqual({});
  });
});

type Setter = (reply: FastifyReply) => unknown;
const viaReply: Setter = (reply) => reply.header('access-control-allow-credentials', 'true').header('access-control-expose-headers', 'x-secret').send('data');
const viaRaw: Setter = (reply) => {
  reply.raw.setHeader('access-control-allow-credentials', 'true');
  reply.raw.setHeader('access-control-expose-headers', 'x-secret');
  return reply.send('data');
};
const viaResponse: Setter = (reply) =>
  reply.send(new Response('data', { headers: { 'access-control-allow-credentials': 'true', 'access-control-expose-headers': 'x-secret' } }));

describe('only the policy decides Access-Control-Allow-Credentials and -Expose-Headers', () => {
  const rows: { rule: string; options: PortcullisFastifyOptions; set: Setter; expected: Record<string, string> }[] = [
    { rule: 'credentials: false removes a handler’s ACAC and ACEH (reply.header)', options: { origin: MYAPP }, set: viaReply, expected: { 'access-control-allow-origin': MYAPP } },
    { rule: 'credentials: false removes them (reply.raw.setHeader)', options: { origin: MYAPP }, set: viaRaw, expected: { 'access-control-allow-origin': MYAPP } },
    { rule: 'credentials: false removes them (a returned WHATWG Response)', options: { origin: MYAPP }, set: viaResponse, expected: { 'access-control-allow-origin': MYAPP } },
    { rule: "origin '*' is never credentialed", options: { origin: '*' }, set: viaReply, expected: { 'access-control-allow-origin': '*' } },
    {
      rule: "the policy's exposeHeaders replace a handler's",
      options: { origin: MYAPP, exposeHeaders: ['x-request-id'] },
      set: viaRaw,
      expected: { 'access-control-allow-origin': MYAPP, 'access-control-expose-headers': 'x-request-id' },
    },
    {
      rule: 'credentials: true keeps its own ACAC',
      options: { origin: MYAPP, credentials: true },
      set: viaResponse,
      expected: { 'access-control-allow-origin': MYAPP, 'access-control-allow-credentials': 'true' },
    },
  ];

  test.each(rows)('$rule', async ({ options, set, expected }) => {
    const app = await appWith(options, (a) => {
      a.get('/x', async (_request, reply) => set(reply));
    });
    const response = await app.inject({ url: '/x', headers: { origin: MYAPP } });
    expect(response.body).toBe('data');
    expect(corsHeaders(response)).toEqual(expected);
  });

  test('a route under credentials: false never becomes credentialed, on a real socket', async () => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.get('/x', async (_request, reply) => viaRaw(reply));
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${base}/x`, { headers: { origin: MYAPP } });
    expect(await response.text()).toBe('data');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('access-control-expose-headers')).toBeNull();
  });
});

describe('refused origins and requests without Origin', () => {
  test.each([
    { rule: 'set by reply.header', set: viaReply },
    { rule: 'set by reply.raw.setHeader', set: viaRaw },
    { rule: 'set by a WHATWG Response', set: viaResponse },
  ])('a refused origin gets the response without any CORS header, whoever set them: $rule', async ({ set }) => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.get('/leaky', async (_request, reply) => {
        reply.header('access-control-allow-origin', '*');
        return set(reply);
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
    { rule: 'an origin-dependent policy adds Vary: Origin only', options: { origin: MYAPP }, cors: {}, vary: 'Origin' },
    { rule: "origin '*' answers '*' (one answer for every cache), without Vary", options: { origin: '*' }, cors: { 'access-control-allow-origin': '*' }, vary: undefined },
  ])('without Origin, $rule', async ({ options, cors, vary }) => {
    const app = await appWith(options, (a) => {
      a.get('/x', async () => 'x');
    });
    const response = await app.inject({ url: '/x' });
    expect(corsHeaders(response)).toEqual(cors);
    expect(response.headers.vary).toBe(vary);
  });
});

describe("Vary is merged with the route's own, never overwritten", () => {
  test.each([
    { rule: 'set by reply.header', set: (reply: FastifyReply) => reply.header('vary', 'Accept-Encoding').send('x'), vary: 'Accept-Encoding, Origin' },
    { rule: 'set by reply.raw.setHeader', set: (reply: FastifyReply) => (reply.raw.setHeader('vary', 'Cookie'), reply.send('x')), vary: 'Cookie, Origin' },
    { rule: 'set by a WHATWG Response', set: (reply: FastifyReply) => reply.send(new Response('x', { headers: { vary: 'Accept' } })), vary: 'Accept, Origin' },
    { rule: 'a Vary that already lists origin', set: (reply: FastifyReply) => reply.header('vary', 'origin').send('x'), vary: 'origin' },
    { rule: 'Vary: *', set: (reply: FastifyReply) => reply.header('vary', '*').send('x'), vary: '*' },
  ])('$rule', async ({ set, vary }) => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.get('/x', async (_request, reply) => set(reply));
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

  test('an override inherits the options it does not set (merged over the plugin options)', async () => {
    const a = await appWith({ origin: MYAPP, exposeHeaders: ['x-total'] }, (s) => {
      s.get('/with-credentials', { config: { cors: { credentials: true } } }, async () => 'x');
    });
    const response = await a.inject({ url: '/with-credentials', headers: { origin: MYAPP } });
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': MYAPP,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'x-total',
    });
  });
});

describe("config.cors: false is no cross-origin access at all: no read, no preflight, no write", () => {
  const calls: string[] = [];
  async function app(pluginOptions: PortcullisFastifyOptions): Promise<FastifyInstance> {
    calls.length = 0;
    return appWith(pluginOptions, (a) => {
      a.post('/internal/reindex', { config: { cors: false } }, async (request) => {
        calls.push(String(request.headers.origin));
        return { queued: true };
      });
    });
  }

  // Whatever the plugin's options: false is not "the plugin's options, minus CORS".
  const plugins: { name: string; options: PortcullisFastifyOptions }[] = [
    { name: 'credentials (write protection on)', options: { origin: MYAPP, credentials: true } },
    { name: 'no credentials (write protection off elsewhere)', options: { origin: MYAPP } },
    { name: 'protectWrites: false', options: { origin: MYAPP, credentials: true, protectWrites: false } },
  ];

  test.each(plugins)('a cross-site credentialed POST is refused before the handler: $name', async ({ options }) => {
    const a = await app(options);
    for (const origin of [EVIL, MYAPP]) {
      const response = await a.inject({
        method: 'POST',
        url: '/internal/reindex',
        headers: { origin, 'sec-fetch-site': 'cross-site', cookie: 'session=1', 'content-type': 'text/plain' },
        payload: 'x',
      });
      expect(response.statusCode).toBe(403);
      expect(response.headers['portcullis-refusal']).toBe(`cross-site POST from ${origin} refused: the origin is not allowed`);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(calls).toEqual([]);
  });

  test.each(plugins)('the same origin, and clients that are no browser, still reach it: $name', async ({ options }) => {
    const a = await app(options);
    const same = await a.inject({ method: 'POST', url: '/internal/reindex', headers: { host: 'api.test', origin: 'http://api.test', 'sec-fetch-site': 'same-origin' } });
    expect(same.statusCode).toBe(200);
    const server = await a.inject({ method: 'POST', url: '/internal/reindex' });
    expect(server.statusCode).toBe(200);
    expect(calls).toEqual(['http://api.test', 'undefined']);
    expect(corsHeaders(same)).toEqual({});
  });

  test.each(plugins)('its preflight is left to Fastify, without CORS headers: $name', async ({ options }) => {
    const response = await preflight(await app(options), '/internal/reindex', 'POST', { requestHeaders: 'content-type' });
    expect(response.statusCode).toBe(404);
    expect(corsHeaders(response)).toEqual({});
  });
});

describe('registration', () => {
  test('the plugin cannot be registered twice on one instance', async () => {
    const app = track(Fastify());
    await app.register(portcullis, { origin: MYAPP });
    void app.register(portcullis, { origin: MYAPP });
    await expect(app.ready()).rejects.toThrow(/registered twice in one scope/);
  });
});
