// The other ways in: a single handler, servers without fetch, async origin checks, routes Bun
// serves itself, server.reload(), and options that must reach Bun untouched.

import { afterEach, describe, expect, test } from 'bun:test';
import type { Server } from 'bun';
import { CorsConfigError, withCors } from '../../src/index.ts';

const ALLOWED = 'https://myapp.es';
const OTHER = 'https://evil.example';

const servers: Server<unknown>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop(true)));
});

function started<D>(server: Server<D>): string {
  servers.push(server as Server<unknown>);
  return `http://127.0.0.1:${server.port}`;
}

function preflight(url: string, method: string, origin = ALLOWED): Promise<Response> {
  return fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method } });
}

describe('withCors(handler) for a plain fetch handler', () => {
  test('answers preflights, decorates responses, keeps `this` and `server`, passes upgrades through', async () => {
    const base = started(
      Bun.serve({
        hostname: '127.0.0.1',
        port: 0,
        fetch: withCors(
          function (this: Server<undefined>, req: Request, server: Server<undefined>) {
            if (new URL(req.url).pathname === '/ws' && server.upgrade(req)) return;
            return Response.json({ thisIsServer: this === server, ip: server.requestIP(req)?.address ?? null });
          },
          { origin: ALLOWED },
        ),
        websocket: { message: (ws, message) => void ws.send(`echo: ${message}`) },
      }),
    );

    const pre = await preflight(`${base}/x`, 'PUT');
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ALLOWED);

    const res = await fetch(`${base}/x`, { headers: { origin: ALLOWED } });
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('vary')).toBe('Origin');
    expect(await res.json()).toEqual({ thisIsServer: true, ip: '127.0.0.1' });

    const ws = new WebSocket(`${base.replace('http', 'ws')}/ws`);
    const reply = await new Promise<string>((resolve, reject) => {
      ws.onopen = () => ws.send('hi');
      ws.onmessage = (event) => resolve(String(event.data));
      ws.onerror = () => reject(new Error('WebSocket failed'));
    });
    ws.close();
    expect(reply).toBe('echo: hi');
  });
});

describe('a server with routes and no fetch', () => {
  function serve(): string {
    return started(
      Bun.serve(
        withCors(
          { hostname: '127.0.0.1', port: 0, routes: { '/items': { GET: () => new Response('items') } } },
          { origin: ALLOWED },
        ),
      ),
    );
  }

  const cases = [
    { rule: 'an unrouted path answers an empty 404, as Bun does, with CORS', path: '/nowhere', method: 'GET' },
    { rule: 'a method the table lacks answers an empty 404, as Bun does, with CORS', path: '/items', method: 'DELETE' },
    { rule: 'an OPTIONS without ACRM on the table answers an empty 404, as Bun does', path: '/items', method: 'OPTIONS' },
  ];
  for (const c of cases) {
    test(c.rule, async () => {
      const base = serve();
      const res = await fetch(base + c.path, { method: c.method, headers: { origin: ALLOWED } });
      expect(res.status).toBe(404);
      expect(await res.text()).toBe('');
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(res.headers.get('vary')).toBe('Origin');
    });
  }

  test('Bun itself answers those requests with the same status and body', async () => {
    const base = started(
      Bun.serve({ hostname: '127.0.0.1', port: 0, routes: { '/items': { GET: () => new Response('items') } } }),
    );
    for (const c of cases) {
      const res = await fetch(base + c.path, { method: c.method });
      expect([c.rule, res.status, await res.text()]).toEqual([c.rule, 404, '']);
    }
  });
});

describe('an async origin function', () => {
  test('decides preflights on method tables and actual requests', async () => {
    const base = started(
      Bun.serve(
        withCors(
          {
            hostname: '127.0.0.1',
            port: 0,
            routes: { '/items': { GET: () => new Response('items'), PUT: () => new Response('put') } },
          },
          { origin: async (origin) => origin === ALLOWED },
        ),
      ),
    );
    const allowed = await preflight(`${base}/items`, 'PUT');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, PUT');
    expect((await preflight(`${base}/items`, 'PUT', OTHER)).status).toBe(403);
    const res = await fetch(`${base}/items`, { headers: { origin: ALLOWED } });
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const plainOptions = await fetch(`${base}/items`, { method: 'OPTIONS', headers: { origin: ALLOWED } });
    expect(plainOptions.status).toBe(404);
  });
});

describe('a method table with an undefined entry', () => {
  test('is still a method table: it gets CORS and advertises only its defined methods', async () => {
    // Written `{ GET: get, PUT: maybePut }` by users without exactOptionalPropertyTypes.
    const table = { GET: () => new Response('items'), PUT: undefined } as unknown as { GET: () => Response };
    const base = started(Bun.serve(withCors({ hostname: '127.0.0.1', port: 0, routes: { '/items': table } }, { origin: ALLOWED })));
    const pre = await preflight(`${base}/items`, 'GET');
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET');
    const res = await fetch(`${base}/items`, { headers: { origin: ALLOWED } });
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });
});

describe("origin '*'", () => {
  test('a static route sends no Vary: Origin, since nothing depends on it', async () => {
    const base = started(
      Bun.serve(withCors({ hostname: '127.0.0.1', port: 0, routes: { '/s': new Response('s') } }, { origin: '*' })),
    );
    const plain = await fetch(`${base}/s`);
    expect(plain.headers.get('vary')).toBeNull();
    const cross = await fetch(`${base}/s`, { headers: { origin: OTHER } });
    expect(cross.headers.get('access-control-allow-origin')).toBe('*');
    expect(await cross.text()).toBe('s');
  });
});

describe('routes Bun serves itself are left to Bun', () => {
  test('a file route still serves the file exactly as without withCors', async () => {
    const file = Bun.file(import.meta.path);
    const options = { hostname: '127.0.0.1', port: 0, routes: { '/source': file } } as const;
    const wrapped = withCors(options, { origin: ALLOWED });
    expect(wrapped.routes?.['/source']).toBe(file);
    const res = await fetch(`${started(Bun.serve(wrapped))}/source`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(await file.text());
  });
});

describe('server.reload() with withCors again', () => {
  test('the reloaded routes get CORS too', async () => {
    const server = Bun.serve(
      withCors({ hostname: '127.0.0.1', port: 0, routes: { '/v': new Response('1') } }, { origin: ALLOWED }),
    );
    const base = started(server);
    server.reload(withCors({ routes: { '/v': { PATCH: () => new Response('2') } } }, { origin: ALLOWED }));
    const pre = await preflight(`${base}/v`, 'PATCH');
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toBe('PATCH');
  });
});

describe('options', () => {
  test('everything but fetch, routes and error reaches Bun as given', () => {
    const websocket = { message() {} };
    const tls = { key: 'k', cert: 'c' };
    const options = {
      hostname: '127.0.0.1',
      port: 0,
      development: false,
      idleTimeout: 30,
      maxRequestBodySize: 1024,
      id: 'api',
      tls,
      websocket,
      fetch: () => new Response('x'),
    };
    const wrapped = withCors(options, { origin: ALLOWED });
    const { fetch: _fetch, ...rest } = wrapped;
    const { fetch: _original, ...expected } = options;
    expect(rest).toEqual(expected);
    expect(wrapped.websocket).toBe(websocket);
    expect(wrapped.tls).toBe(tls);
  });

  const mistakes: { rule: string; options: Parameters<typeof withCors>[1] }[] = [
    { rule: 'an origin with a trailing slash', options: { origin: 'https://myapp.es/' } },
    { rule: "'*' with credentials", options: { origin: '*', credentials: true } },
    { rule: 'a misspelt option', options: { origin: ALLOWED, allowedHeaders: ['x'] } as never },
  ];
  for (const m of mistakes) {
    test(`configuration mistakes throw CorsConfigError before Bun starts: ${m.rule}`, () => {
      expect(() => withCors({ fetch: () => new Response('x') }, m.options)).toThrow(CorsConfigError);
    });
  }
});

describe('examples/bun/fetch-only.ts', () => {
  test('its wrapped handler serves preflights and requests on Bun.serve', async () => {
    const { default: fetchOnly } = await import('../../../../examples/bun/fetch-only.ts');
    const base = started(Bun.serve({ ...fetchOnly, port: 0 }));
    const pre = await preflight(`${base}/anything`, 'DELETE');
    expect(pre.status).toBe(204);
    const res = await fetch(`${base}/hello`, { headers: { origin: ALLOWED } });
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(await res.json()).toEqual({ path: '/hello', ip: '127.0.0.1' });
    const stranger = await fetch(`${base}/hello`, { headers: { origin: OTHER } });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });
});
