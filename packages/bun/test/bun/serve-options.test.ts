// withCors(serveOptions) on a real Bun.serve: every kind of route, the fetch fallback, errors
// and WebSockets, over real HTTP.

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Server } from 'bun';
import { withCors } from '../../src/index.ts';

const ALLOWED = 'https://myapp.es';
const OTHER = 'https://evil.example';

const staticBody = 'static body';
const staticRoute = new Response(staticBody, { headers: { 'content-type': 'text/plain', vary: 'Accept-Encoding' } });

let server: Server<{ via: string }>;
let base: string;

beforeAll(() => {
  server = Bun.serve(
    withCors(
      {
        hostname: '127.0.0.1',
        port: 0,
        routes: {
          '/static': staticRoute,
          '/items/:id': {
            GET: (req) => Response.json({ id: req.params.id }),
            PUT: (req) => Response.json({ put: req.params.id }, { headers: { 'x-total': '7' } }),
          },
          '/own-options': {
            GET: () => new Response('get'),
            OPTIONS: () => new Response('own options handler'),
          },
          '/static-method': { GET: new Response('static get') },
          '/echo/:word': (req) => Response.json(req.params),
          '/ip': (req, server) => Response.json({ address: server.requestIP(req)?.address ?? null }),
          '/boom': () => {
            throw new Error('boom');
          },
          '/async-boom': async () => {
            throw new Error('async boom');
          },
          '/to-fetch': false,
          '/ws': (req, server) => {
            if (server.upgrade(req, { data: { via: 'route' } })) return;
            return new Response('upgrade failed', { status: 400 });
          },
        },
        fetch(req, server) {
          const { pathname } = new URL(req.url);
          if (pathname === '/fetch-ws' && server.upgrade(req, { data: { via: 'fetch' } })) return;
          if (pathname === '/this-is-server') return Response.json({ same: this === server });
          return new Response(`fallback ${req.method}`, { status: 404 });
        },
        error(error) {
          return new Response(`handled: ${error.message}`, { status: 500 });
        },
        websocket: {
          message(ws, message) {
            ws.send(`${ws.data.via}: ${message}`);
          },
        },
      },
      { origin: [ALLOWED], exposeHeaders: ['x-total'] },
    ),
  );
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.stop(true);
});

// Bun's client accepts request headers; the DOM lib this monorepo compiles with hides that
// constructor overload.
const BunWebSocket = WebSocket as unknown as new (url: string, options: Bun.WebSocketOptions) => WebSocket;

function preflight(path: string, method: string, origin = ALLOWED, requestHeaders?: string): Promise<Response> {
  const headers: Record<string, string> = { origin, 'access-control-request-method': method };
  if (requestHeaders !== undefined) headers['access-control-request-headers'] = requestHeaders;
  return fetch(base + path, { method: 'OPTIONS', headers });
}

function send(path: string, init: { method?: string; origin?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (init.origin !== undefined) headers.origin = init.origin;
  return fetch(base + path, { method: init.method ?? 'GET', headers });
}

describe('preflights are answered on every kind of route', () => {
  const ANY_METHOD = 'GET, HEAD, POST, PUT, PATCH, DELETE';
  const cases: { rule: string; path: string; method: string; allowMethods: string }[] = [
    { rule: 'a handler route answers without running the handler', path: '/echo/hi', method: 'PUT', allowMethods: ANY_METHOD },
    { rule: 'a method table advertises only its own methods', path: '/items/1', method: 'PUT', allowMethods: 'GET, PUT' },
    { rule: 'a static route answers the preflight, not its body', path: '/static', method: 'PUT', allowMethods: ANY_METHOD },
    { rule: 'a method table with its own OPTIONS still gets the preflight answered', path: '/own-options', method: 'GET', allowMethods: 'GET, OPTIONS' },
    { rule: 'a static entry in a method table advertises its table', path: '/static-method', method: 'GET', allowMethods: 'GET' },
    { rule: 'the fetch fallback answers preflights for unrouted paths', path: '/anything/else', method: 'PATCH', allowMethods: ANY_METHOD },
    { rule: 'a route set to false is answered by the wrapped fetch', path: '/to-fetch', method: 'PUT', allowMethods: ANY_METHOD },
  ];
  for (const c of cases) {
    test(c.rule, async () => {
      const res = await preflight(c.path, c.method);
      expect(res.status).toBe(204);
      expect(await res.text()).toBe('');
      expect(res.headers.get('vary')).toBe('Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(res.headers.get('access-control-allow-methods')).toBe(c.allowMethods);
      expect(res.headers.get('access-control-max-age')).toBe('600');
      expect(res.headers.get('portcullis-refusal')).toBeNull();
    });
  }

  // A refused method or header from an allowed origin: a 2xx the browser reads and still
  // refuses, naming what was refused in its console; nothing cached.
  const explained: { rule: string; path: string; method: string; requestHeaders?: string; headers: Record<string, string | null> }[] = [
    {
      rule: 'a method table explains a method it does not define: its methods, never DELETE',
      path: '/items/1',
      method: 'DELETE',
      headers: {
        'access-control-allow-methods': 'GET, PUT',
        'access-control-allow-headers': null,
        'portcullis-refusal': "method 'DELETE' is not allowed (allowed: GET, PUT)",
      },
    },
    {
      rule: 'a static route explains a refused header: the allowed headers, never authorization',
      path: '/static',
      method: 'PUT',
      requestHeaders: 'authorization',
      headers: {
        'access-control-allow-methods': ANY_METHOD,
        'access-control-allow-headers': 'content-type',
        'portcullis-refusal': "request header 'authorization' is not allowed",
      },
    },
    {
      rule: 'the fetch fallback explains a refused header too',
      path: '/anything/else',
      method: 'POST',
      requestHeaders: 'content-type,x-secret',
      headers: {
        'access-control-allow-methods': ANY_METHOD,
        'access-control-allow-headers': 'content-type',
        'portcullis-refusal': "request header 'x-secret' is not allowed",
      },
    },
  ];
  for (const c of explained) {
    test(c.rule, async () => {
      const res = await preflight(c.path, c.method, ALLOWED, c.requestHeaders);
      expect(res.status).toBe(204);
      expect(await res.text()).toBe('');
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(res.headers.get('access-control-max-age')).toBeNull();
      for (const [name, value] of Object.entries(c.headers)) expect(res.headers.get(name)).toBe(value);
      expect(res.headers.get('vary')).toBe('Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
    });
  }

  const refusedOrigins = ['/echo/hi', '/items/1', '/static', '/own-options', '/anything/else'];
  for (const path of refusedOrigins) {
    test(`a disallowed origin's preflight is refused with 403 and no CORS headers: ${path}`, async () => {
      const res = await preflight(path, 'PUT', OTHER);
      expect(res.status).toBe(403);
      expect(await res.text()).toBe('');
      expect([...res.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
      expect(res.headers.get('portcullis-refusal')).toBe(`origin ${OTHER} is not allowed`);
      expect(res.headers.get('vary')).toBe('Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
    });
  }

  test('requested headers are checked: content-type allowed, authorization explained', async () => {
    const ok = await preflight('/items/1', 'PUT', ALLOWED, 'content-type');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-headers')).toBe('content-type');
    const refused = await preflight('/items/1', 'PUT', ALLOWED, 'authorization');
    expect(refused.status).toBe(204);
    expect(refused.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(refused.headers.get('portcullis-refusal')).toBe("request header 'authorization' is not allowed");
  });
});

describe('actual requests get CORS and Vary, from every kind of route', () => {
  const cases: { rule: string; path: string; method?: string; status: number; body: string; vary: string }[] = [
    { rule: 'a handler route keeps req.params', path: '/echo/hello', status: 200, body: '{"word":"hello"}', vary: 'Origin' },
    { rule: 'a method table dispatches by method with params', path: '/items/42', method: 'PUT', status: 200, body: '{"put":"42"}', vary: 'Origin' },
    { rule: 'a static route still sends its body, its own Vary merged', path: '/static', status: 200, body: staticBody, vary: 'Accept-Encoding, Origin' },
    { rule: 'a static entry of a method table still sends its body', path: '/static-method', status: 200, body: 'static get', vary: 'Origin' },
    { rule: 'a 404 from the fetch fallback carries CORS so the browser can show it', path: '/nowhere', status: 404, body: 'fallback GET', vary: 'Origin' },
    { rule: 'a method a table lacks goes to fetch, as Bun does, with CORS', path: '/items/1', method: 'DELETE', status: 404, body: 'fallback DELETE', vary: 'Origin' },
    { rule: 'an OPTIONS without ACRM on a table without OPTIONS goes to fetch', path: '/items/1', method: 'OPTIONS', status: 404, body: 'fallback OPTIONS', vary: 'Origin' },
    { rule: 'an OPTIONS without ACRM reaches the table\'s own OPTIONS handler', path: '/own-options', method: 'OPTIONS', status: 200, body: 'own options handler', vary: 'Origin' },
    { rule: 'an error thrown by a route is answered by `error`, with CORS', path: '/boom', status: 500, body: 'handled: boom', vary: 'Origin' },
    { rule: 'a rejected promise from a route is answered by `error`, with CORS', path: '/async-boom', status: 500, body: 'handled: async boom', vary: 'Origin' },
  ];
  for (const c of cases) {
    test(`allowed origin: ${c.rule}`, async () => {
      const res = await send(c.path, { method: c.method ?? 'GET', origin: ALLOWED });
      expect(res.status).toBe(c.status);
      expect(await res.text()).toBe(c.body);
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(res.headers.get('access-control-expose-headers')).toBe('x-total');
      expect(res.headers.get('vary')).toBe(c.vary);
    });
    test(`disallowed origin gets the same answer without CORS headers: ${c.rule}`, async () => {
      const res = await send(c.path, { method: c.method ?? 'GET', origin: OTHER });
      expect(res.status).toBe(c.status);
      expect(await res.text()).toBe(c.body);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-expose-headers')).toBeNull();
      expect(res.headers.get('vary')).toBe(c.vary);
    });
    test(`no Origin: the same answer with Vary: Origin for caches: ${c.rule}`, async () => {
      const res = await send(c.path, { method: c.method ?? 'GET' });
      expect(res.status).toBe(c.status);
      expect(await res.text()).toBe(c.body);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('vary')).toBe(c.vary);
    });
  }
});

describe('static routes stay static', () => {
  test('every request gets the full body; the shared Response is never sent or changed', async () => {
    for (const origin of [ALLOWED, undefined, OTHER, ALLOWED]) {
      const res = await send('/static', origin === undefined ? {} : { origin });
      expect(await res.text()).toBe(staticBody);
      expect(res.headers.get('content-type')).toBe('text/plain');
    }
    expect(staticRoute.bodyUsed).toBe(false);
    expect([...staticRoute.headers]).toEqual([
      ['content-type', 'text/plain'],
      ['vary', 'Accept-Encoding'],
    ]);
  });

  test('HEAD on a static route sends the headers without the body', async () => {
    const res = await send('/static', { method: 'HEAD', origin: ALLOWED });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(await res.text()).toBe('');
  });
});

describe('Bun features reach the handlers', () => {
  test('server.requestIP works from a route handler', async () => {
    const res = await send('/ip', { origin: ALLOWED });
    expect(await res.json()).toEqual({ address: '127.0.0.1' });
  });

  test('fetch runs with the server as `this`, as Bun calls it', async () => {
    const res = await send('/this-is-server', { origin: ALLOWED });
    expect(await res.json()).toEqual({ same: true });
  });

  test('an error `error` declines is left to Bun, which calls `error` once, as without withCors', async () => {
    const child = Bun.spawn([process.execPath, `${import.meta.dir}/fixtures/declined-error.ts`], {
      stdout: 'pipe',
      stderr: 'pipe',
    });
    try {
      // Bun reports the declined error as unhandled and exits with 1 either way: read stdout.
      const [stdout] = await Promise.all([new Response(child.stdout).text(), child.exited]);
      const outcomes = JSON.parse(stdout);
      expect(outcomes.bun).toEqual({ status: 500, body: expect.any(String), errorCalls: 1 });
      expect(outcomes.withCors).toEqual(outcomes.bun);
    } finally {
      child.kill();
    }
  });

  for (const [rule, path, via] of [
    ['a route that upgrades keeps its WebSocket, with an Origin header', '/ws', 'route'],
    ['fetch that upgrades keeps its WebSocket, with an Origin header', '/fetch-ws', 'fetch'],
  ] as const) {
    test(rule, async () => {
      const ws = new BunWebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers: { origin: ALLOWED } });
      try {
        const reply = await new Promise<string>((resolve, reject) => {
          ws.onopen = () => ws.send('hi');
          ws.onmessage = (event) => resolve(String(event.data));
          ws.onerror = () => reject(new Error(`WebSocket to ${path} failed`));
        });
        expect(reply).toBe(`${via}: hi`);
      } finally {
        ws.close();
      }
    });
  }
});
