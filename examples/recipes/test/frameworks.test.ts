// What each framework recipe promises beyond the common cases.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app as honoApp } from '../src/hono-middleware.js';
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

describe('itty-router', () => {
  it('adds the CORS headers to the 404 AutoRouter answers for an unknown route', async () => {
    const response = await call(itty, '/api/nothing', { headers: { origin: FRONT_END } });
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBe(FRONT_END);
  });
});
