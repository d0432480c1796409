import { describe, expect, it } from 'vitest';
import { NextResponse, type NextRequest } from 'next/server';
// `next/server` exports NextFetchEvent as a type only; this is the class Next itself constructs.
import { NextFetchEvent } from 'next/dist/server/web/spec-extension/fetch-event';
import { corsProxy, CorsConfigError, type Proxy } from '../src/index.js';
import { ALLOWED, OTHER, preflight, request } from './requests.js';

const OPTIONS = { origin: ALLOWED, allowHeaders: ['content-type', 'authorization'], exposeHeaders: ['x-request-id'] };

function eventFor(req: NextRequest): NextFetchEvent {
  return new NextFetchEvent({ request: req, page: '/api/items/[id]', context: undefined });
}

/** A proxy that records what reached it and answers like an authentication check. */
function recordingProxy(answer: (req: NextRequest) => ReturnType<Proxy> = () => undefined) {
  const seen: { method: string; event: NextFetchEvent }[] = [];
  const proxy: Proxy = (req, event) => {
    seen.push({ method: req.method, event });
    return answer(req);
  };
  return { proxy, seen };
}

async function run(handler: ReturnType<typeof corsProxy>, req: NextRequest): Promise<Response> {
  return handler(req, eventFor(req));
}

describe('corsProxy: preflights are answered before the application proxy runs', () => {
  const cases = [
    { rule: 'an allowed preflight gets 204 and the CORS headers', req: preflight(ALLOWED, 'PUT', 'authorization'), status: 204, acao: ALLOWED },
    { rule: 'a preflight from a disallowed origin gets 403 without them', req: preflight(OTHER, 'PUT'), status: 403, acao: null },
    { rule: 'a preflight for a forbidden header gets 403', req: preflight(ALLOWED, 'PUT', 'x-not-listed'), status: 403, acao: null },
  ];
  for (const { rule, req, status, acao } of cases) {
    it(rule, async () => {
      const { proxy, seen } = recordingProxy(() => NextResponse.json({ error: 'sign in' }, { status: 401 }));
      const response = await run(corsProxy(OPTIONS, proxy), req);
      expect(response.status).toBe(status);
      expect(response.headers.get('access-control-allow-origin')).toBe(acao);
      expect(response.headers.get('vary')).toBe('Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
      expect(seen).toEqual([]);
    });
  }

  it('without a route to read methods from, it advertises the configured methods', async () => {
    const response = await run(corsProxy(OPTIONS), preflight(ALLOWED, 'PATCH'));
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST, PUT, PATCH, DELETE');
  });
});

describe('corsProxy: everything else continues, with CORS headers on whatever comes back', () => {
  it('nothing returned means NextResponse.next(), carrying the CORS headers to the route', async () => {
    const { proxy, seen } = recordingProxy();
    const req = request('GET', { origin: ALLOWED });
    const event = eventFor(req);
    const response = await corsProxy(OPTIONS, proxy)(req, event);
    expect(response.headers.get('x-middleware-next')).toBe('1');
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(response.headers.get('vary')).toBe('Origin');
    expect(seen).toEqual([{ method: 'GET', event }]);
  });

  it('without an application proxy it is NextResponse.next() too', async () => {
    const response = await run(corsProxy(OPTIONS), request('POST', { origin: ALLOWED }));
    expect(response.headers.get('x-middleware-next')).toBe('1');
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it("the application proxy's own answer (a 401) becomes readable by the allowed origin", async () => {
    const { proxy } = recordingProxy(() => NextResponse.json({ error: 'sign in' }, { status: 401 }));
    const response = await run(corsProxy(OPTIONS, proxy), request('GET', { origin: ALLOWED }));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'sign in' });
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('an async application proxy is awaited', async () => {
    const { proxy } = recordingProxy(async () => NextResponse.rewrite(new URL('/api/v2/items/42', 'https://api.myapp.es')));
    const response = await run(corsProxy(OPTIONS, proxy), request('GET', { origin: ALLOWED }));
    expect(response.headers.get('x-middleware-rewrite')).toBe('https://api.myapp.es/api/v2/items/42');
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('a redirect with immutable headers is copied, not thrown on', async () => {
    const { proxy } = recordingProxy(() => Response.redirect('https://myapp.es/login', 307));
    const response = await run(corsProxy(OPTIONS, proxy), request('GET', { origin: ALLOWED }));
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('https://myapp.es/login');
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('a disallowed origin continues without CORS headers, with Vary: Origin', async () => {
    const { proxy, seen } = recordingProxy();
    const response = await run(corsProxy(OPTIONS, proxy), request('GET', { origin: OTHER }));
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toBe('Origin');
    expect(seen).toHaveLength(1);
  });

  it('a request without Origin gets Vary: Origin for the caches', async () => {
    const response = await run(corsProxy(OPTIONS), request('GET'));
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('an OPTIONS without Access-Control-Request-Method is not a preflight: it goes to the proxy', async () => {
    const { proxy, seen } = recordingProxy();
    const response = await run(corsProxy(OPTIONS, proxy), request('OPTIONS', { origin: ALLOWED }));
    expect(seen.map((s) => s.method)).toEqual(['OPTIONS']);
    expect(response.headers.get('x-middleware-next')).toBe('1');
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('an async origin function decides preflights and actual requests alike', async () => {
    const handler = corsProxy({ origin: async (origin) => origin === ALLOWED });
    expect((await run(handler, preflight(ALLOWED, 'PUT'))).status).toBe(204);
    expect((await run(handler, preflight(OTHER, 'PUT'))).status).toBe(403);
    const actual = await run(handler, request('GET', { origin: ALLOWED }));
    expect(actual.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('errors thrown by the application proxy propagate', async () => {
    const failure = new Error('session store down');
    const handler = corsProxy(OPTIONS, () => {
      throw failure;
    });
    expect(() => handler(request('GET', { origin: ALLOWED }), eventFor(request('GET')))).toThrow(failure);
  });

  it('invalid options throw CorsConfigError when proxy.ts loads', () => {
    expect(() => corsProxy({ origin: 'https://myapp.es/' })).toThrow(CorsConfigError);
  });
});
