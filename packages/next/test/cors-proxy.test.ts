import { afterEach, describe, expect, it, vi } from 'vitest';
import { NextRequest, NextResponse } from 'next/server.js';
// `next/server` exports NextFetchEvent as a type only; this is the class Next itself constructs.
import { NextFetchEvent } from 'next/dist/server/web/spec-extension/fetch-event';
import { cors, corsByRequest, corsProxy, CorsConfigError, type CorsRefusalEvent, type Proxy } from '../src/index.js';
import { ALLOWED, APP, OTHER, preflight, request } from './requests.js';

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
  const NONE = {
    'access-control-allow-origin': null,
    'access-control-allow-methods': null,
    'access-control-allow-headers': null,
    'access-control-max-age': null,
    'portcullis-refusal': null,
  };
  const cases: { rule: string; req: NextRequest; status: number; headers: Record<string, string | null> }[] = [
    {
      rule: 'an allowed preflight gets 204 and the CORS headers',
      req: preflight(ALLOWED, 'PUT', 'authorization'),
      status: 204,
      headers: {
        ...NONE,
        'access-control-allow-origin': ALLOWED,
        'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
        'access-control-allow-headers': 'content-type, authorization',
        'access-control-max-age': '600',
      },
    },
    {
      rule: 'a preflight from a disallowed origin gets 403 without them',
      req: preflight(OTHER, 'PUT'),
      status: 403,
      headers: { ...NONE, 'portcullis-refusal': `origin ${OTHER} is not allowed` },
    },
    {
      rule: 'a preflight for a forbidden header is explained: 204, the allowed headers, never the refused one',
      req: preflight(ALLOWED, 'PUT', 'x-not-listed'),
      status: 204,
      headers: {
        ...NONE,
        'access-control-allow-origin': ALLOWED,
        'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
        'access-control-allow-headers': 'content-type, authorization',
        'portcullis-refusal': "request header 'x-not-listed' is not allowed",
      },
    },
  ];
  for (const { rule, req, status, headers } of cases) {
    it(rule, async () => {
      const { proxy, seen } = recordingProxy(() => NextResponse.json({ error: 'sign in' }, { status: 401 }));
      const response = await run(corsProxy(OPTIONS, proxy), req);
      expect(response.status).toBe(status);
      for (const [name, value] of Object.entries(headers)) expect(response.headers.get(name), name).toBe(value);
      expect(response.headers.get('vary')).toBe('Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
      expect(response.headers.get('x-middleware-next')).toBeNull();
      expect(await response.text()).toBe('');
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
    const explained = await run(handler, preflight(ALLOWED, 'PUT', 'x-secret'));
    expect([explained.status, explained.headers.get('portcullis-refusal')]).toEqual([204, "request header 'x-secret' is not allowed"]);
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

describe('corsProxy: cross-origin writes are refused before the application proxy runs', () => {
  // The application proxy may have side effects (a session refresh, a counter, a rewrite to a
  // handler that writes): a refused write must reach none of them, as a preflight does not.
  const rows: { rule: string; method: string; headers: Record<string, string>; runs: boolean }[] = [
    { rule: 'a form POST from a disallowed origin', method: 'POST', headers: { origin: OTHER, 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' }, runs: false },
    { rule: 'a text/plain POST from a disallowed origin', method: 'POST', headers: { origin: OTHER, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }, runs: false },
    { rule: 'a DELETE from a disallowed origin', method: 'DELETE', headers: { origin: OTHER, 'sec-fetch-site': 'cross-site' }, runs: false },
    { rule: 'a POST from the allowed origin', method: 'POST', headers: { origin: ALLOWED, 'sec-fetch-site': 'same-site', 'content-type': 'text/plain' }, runs: true },
    { rule: 'a same-origin POST', method: 'POST', headers: { origin: APP, 'sec-fetch-site': 'same-origin', 'content-type': 'text/plain' }, runs: true },
    { rule: 'a POST without Origin or Sec-Fetch-Site', method: 'POST', headers: { 'content-type': 'text/plain' }, runs: true },
    { rule: 'a GET from a disallowed origin (a read)', method: 'GET', headers: { origin: OTHER, 'sec-fetch-site': 'cross-site' }, runs: true },
  ];
  for (const { rule, method, headers, runs } of rows) {
    it(`${rule}: ${runs ? 'continues through the proxy' : 'is refused with 403, the proxy never runs'}`, async () => {
      const { proxy, seen } = recordingProxy();
      const response = await run(corsProxy({ origin: ALLOWED, credentials: true }, proxy), request(method, headers));
      expect(seen.map((s) => s.method)).toEqual(runs ? [method] : []);
      if (runs) {
        expect(response.headers.get('x-middleware-next')).toBe('1');
        return;
      }
      expect(response.status).toBe(403);
      expect(await response.text()).toBe('');
      expect(response.headers.get('x-middleware-next')).toBeNull();
      expect(response.headers.get('portcullis-refusal')).toBe(`cross-site ${method} from ${OTHER} refused: the origin is not allowed`);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('vary')).toBe('Origin');
    });
  }

  it('an async origin function refuses writes before the proxy too', async () => {
    const { proxy, seen } = recordingProxy();
    const handler = corsProxy({ origin: async (origin) => origin === ALLOWED, protectWrites: true }, proxy);
    const refused = await run(handler, request('PUT', { origin: OTHER, 'sec-fetch-site': 'cross-site' }));
    expect(refused.status).toBe(403);
    const allowed = await run(handler, request('PUT', { origin: ALLOWED, 'sec-fetch-site': 'cross-site' }));
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(seen.map((s) => s.method)).toEqual(['PUT']);
  });
});

describe('corsProxy: refusals and policies', () => {
  afterEach(() => vi.restoreAllMocks());

  it('onRefusal gets the NextRequest of every refusal, each reported once', async () => {
    const events: CorsRefusalEvent<NextRequest>[] = [];
    const handler = corsProxy({ ...OPTIONS, protectWrites: true, onRefusal: (event) => void events.push(event) }, () => undefined);
    await run(handler, preflight(ALLOWED, 'PUT', 'x-secret'));
    await run(handler, request('GET', { origin: OTHER }));
    await run(handler, request('POST', { origin: OTHER, 'sec-fetch-site': 'cross-site' }));
    expect(events.map((e) => [e.kind, e.code, e.request.nextUrl.pathname])).toEqual([
      ['preflight', 'header.not-allowed', '/api/items/42'],
      ['actual', 'origin.not-allowed', '/api/items/42'],
      ['write', 'write.cross-origin', '/api/items/42'],
    ]);
    expect(events.every((e) => e.request instanceof NextRequest)).toBe(true);
  });

  it("'log' writes the line through console.warn", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await run(corsProxy({ ...OPTIONS, onRefusal: 'log' }), preflight(OTHER, 'PUT'));
    expect(warn.mock.calls).toEqual([[`portcullis: refused preflight from ${OTHER}: origin ${OTHER} is not allowed; add '${OTHER}' to origin if that site may read responses`]]);
  });

  it('takes a cors() policy in place of options', async () => {
    const { proxy, seen } = recordingProxy();
    const handler = corsProxy(cors({ origin: ALLOWED, credentials: true }), proxy);
    expect((await run(handler, preflight(ALLOWED, 'PUT'))).headers.get('access-control-allow-credentials')).toBe('true');
    expect((await run(handler, request('POST', { origin: OTHER, 'sec-fetch-site': 'cross-site' }))).status).toBe(403);
    expect(seen).toEqual([]);
  });

  it('takes a corsByRequest() policy, and leaves requests it chooses no policy for alone', async () => {
    const { proxy, seen } = recordingProxy();
    const api = cors({ origin: ALLOWED });
    const handler = corsProxy(corsByRequest((req: NextRequest) => (req.nextUrl.pathname.startsWith('/api/') ? api : undefined)), proxy);
    const chosen = await run(handler, request('GET', { origin: ALLOWED }));
    expect(chosen.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const alone = await run(handler, request('GET', { origin: ALLOWED }, '/internal/health'));
    expect(alone.headers.get('access-control-allow-origin')).toBeNull();
    expect(alone.headers.get('vary')).toBeNull();
    expect(alone.headers.get('x-middleware-next')).toBe('1');
    expect(seen).toHaveLength(2);
  });
});
