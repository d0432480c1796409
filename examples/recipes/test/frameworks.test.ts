// What each framework recipe promises beyond the common cases.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono, type MiddlewareHandler } from 'hono';
import { cors as honoCors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app as honoApp, withCors as honoWithCors } from '../src/hono-middleware.js';
import itty from '../src/itty-router.js';

const FRONT_END = 'https://myapp.es';
const OTHER_SITE = 'https://evil.example';

// An upstream service with its own CORS policy and Vary; a fetch() of it has immutable headers.
let upstream: Server;
let upstreamUrl = '';
beforeAll(async () => {
  upstream = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*', vary: 'Accept' });
    res.end('{"count":2}');
  });
  upstream.listen(0, '127.0.0.1');
  await once(upstream, 'listening');
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});
// Registered before Hono builds its router, at the first request.
honoApp.get('/api/stock', () => fetch(upstreamUrl));

const call = (app: { fetch(request: Request): Response | Promise<Response> }, path: string, init?: RequestInit) =>
  app.fetch(new Request(new URL(path, 'http://api.myapp.test'), init));

describe('Hono, as middleware', () => {
  it('leaves routes outside /api alone', async () => {
    const response = await call(honoApp, '/health', { headers: { origin: FRONT_END } });
    expect(await response.text()).toBe('ok');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toBeNull();
  });

  it('adds the CORS headers to a 404 under /api', async () => {
    const response = await call(honoApp, '/api/nothing', { headers: { origin: FRONT_END } });
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBe(FRONT_END);
  });

  it('adds the CORS headers to a Response.redirect(), whose headers are immutable', async () => {
    const response = await call(honoApp, '/api/items/latest', { headers: { origin: FRONT_END } });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('http://api.myapp.test/api/items/1');
    expect(response.headers.get('access-control-allow-origin')).toBe(FRONT_END);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it.each([
    { rule: 'replaced for an allowed origin', origin: FRONT_END, allowOrigin: FRONT_END, allowCredentials: 'true' },
    { rule: 'removed for another origin', origin: OTHER_SITE, allowOrigin: null, allowCredentials: null },
  ])('passes a fetch() result through with its own `*` $rule, and Vary merged', async (row) => {
    const response = await call(honoApp, '/api/stock', { headers: { origin: row.origin } });
    expect(await response.json()).toEqual({ count: 2 });
    expect(response.headers.get('access-control-allow-origin')).toBe(row.allowOrigin);
    expect(response.headers.get('access-control-allow-credentials')).toBe(row.allowCredentials);
    expect(response.headers.get('vary')).toBe('Accept, Origin');
  });
});

describe('Hono, as middleware: what earlier middleware set stays, as hono/cors keeps it', () => {
  const preflight = { method: 'OPTIONS', headers: { origin: FRONT_END, 'access-control-request-method': 'PUT' } };
  const forgedWrite = { method: 'POST', headers: { origin: OTHER_SITE, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }, body: '{}' };
  const rows = [
    { rule: 'the answer to a preflight', init: preflight, status: 204 },
    { rule: 'the refusal of a cross-site write', init: forgedWrite, status: 403 },
    { rule: 'an actual request', init: { headers: { origin: FRONT_END } }, status: 200 },
  ];
  for (const row of rows) {
    it(`${row.rule} keeps the X-Request-Id requestId() set before it`, async () => {
      const response = await call(honoApp, '/api/items', { ...row.init, headers: { ...row.init.headers, 'x-request-id': 'req-1' } });
      expect(response.status).toBe(row.status);
      expect(response.headers.get('x-request-id')).toBe('req-1');
    });
  }

  it('hono/cors keeps it on its preflight answer too: the behaviour matched', async () => {
    const app = new Hono();
    app.use(requestId());
    app.use('/api/*', honoCors({ origin: FRONT_END }));
    app.put('/api/items', (c) => c.text('put'));
    const response = await call(app, '/api/items', { ...preflight, headers: { ...preflight.headers, 'x-request-id': 'req-1' } });
    expect(response.status).toBe(204);
    expect(response.headers.get('x-request-id')).toBe('req-1');
  });

  // Earlier middleware that set CORS headers of its own, and a Vary: only the decision's CORS
  // headers may go out, and Vary is merged, never replaced.
  const earlier: MiddlewareHandler = async (c, next) => {
    c.header('access-control-allow-origin', '*');
    c.header('access-control-allow-methods', '*');
    c.header('vary', 'Accept-Encoding');
    await next();
  };
  const layered = new Hono();
  layered.use(earlier);
  layered.use('/api/*', honoWithCors);
  layered.post('/api/items', (c) => c.text('stored'));

  it("a preflight's answer: the decision's CORS headers only, Vary merged", async () => {
    const response = await call(layered, '/api/items', preflight);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(FRONT_END);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST, PUT, PATCH, DELETE');
    expect(response.headers.get('vary')).toBe('Accept-Encoding, Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
  });

  it("a refused write: no CORS header at all, whoever set it, and the handler never runs", async () => {
    const response = await call(layered, '/api/items', forgedWrite);
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('');
    expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect(response.headers.get('vary')).toBe('Accept-Encoding, Origin');
  });
});

describe('itty-router', () => {
  it('adds the CORS headers to the 404 AutoRouter answers for an unknown route', async () => {
    const response = await call(itty, '/api/nothing', { headers: { origin: FRONT_END } });
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBe(FRONT_END);
  });
});
