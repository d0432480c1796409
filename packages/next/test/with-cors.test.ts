import { afterEach, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server.js';
// Next's own automatic OPTIONS answer, to prove ours is the same for every set of exports.
import { cors as coreCors } from '@portcullis/core';
import { autoImplementMethods } from 'next/dist/server/route-modules/app-route/helpers/auto-implement-methods';
import {
  cors,
  CorsConfigError,
  corsByRequest,
  withCors as routeWithCors,
  type CorsRefusalEvent,
  type RouteHandlers,
} from '../src/index.js';
import type { RouteMethod } from '../src/route-handlers.js';
import { ALLOWED, APP, OTHER, itemContext, preflight, request } from './requests.js';

// Each route here is used as Next uses a route module's exports: all of them read at once,
// OPTIONS included (route-misuse.test.ts is about a module that leaves OPTIONS out).
const withCors = ((handlers: RouteHandlers, options: never) => ({ ...routeWithCors(handlers, options) })) as unknown as typeof routeWithCors;

type Ctx = { params: Promise<{ id: string }> };

function itemRoute(options: Parameters<typeof withCors>[1] = { origin: ALLOWED, credentials: true }) {
  const calls: string[] = [];
  const route = withCors(
    {
      GET: async (req: NextRequest, { params }: Ctx) => {
        calls.push(`GET ${(await params).id}`);
        return Response.json({ id: (await params).id, method: req.method }, { headers: { vary: 'Accept-Language' } });
      },
      PUT: async (_req: NextRequest, { params }: Ctx) => {
        calls.push(`PUT ${(await params).id}`);
        return Response.json({ saved: (await params).id });
      },
    },
    options,
  );
  return { route, calls };
}

describe('withCors: preflights reach the OPTIONS export and never a handler', () => {
  const PREFLIGHT_VARY = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
  // Every CORS header a preflight answer may carry: each row says what each one must be.
  const NONE = {
    'access-control-allow-origin': null,
    'access-control-allow-credentials': null,
    'access-control-allow-methods': null,
    'access-control-allow-headers': null,
    'access-control-max-age': null,
    'portcullis-refusal': null,
  };
  const cases: { rule: string; req: NextRequest; status: number; headers: Record<string, string | null> }[] = [
    {
      rule: 'a method the route exports is allowed',
      req: preflight(ALLOWED, 'PUT', 'content-type'),
      status: 204,
      headers: {
        ...NONE,
        'access-control-allow-origin': ALLOWED,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'GET, PUT, HEAD',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
      },
    },
    {
      // The browser reads this 2xx, finds DELETE missing from the list and names it in its
      // console; without Max-Age nothing is cached.
      rule: 'a method the route does not export is explained: 204, the exported methods, never DELETE',
      req: preflight(ALLOWED, 'DELETE'),
      status: 204,
      headers: {
        ...NONE,
        'access-control-allow-origin': ALLOWED,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'GET, PUT, HEAD',
        'portcullis-refusal': "method 'DELETE' is not allowed (allowed: GET, PUT, HEAD)",
      },
    },
    {
      rule: 'an unlisted request header is explained: 204, the allowed headers, never x-secret',
      req: preflight(ALLOWED, 'PUT', 'x-secret'),
      status: 204,
      headers: {
        ...NONE,
        'access-control-allow-origin': ALLOWED,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'GET, PUT, HEAD',
        'access-control-allow-headers': 'content-type',
        'portcullis-refusal': "request header 'x-secret' is not allowed",
      },
    },
    {
      rule: 'a disallowed origin is refused with 403 and no CORS header',
      req: preflight(OTHER, 'PUT'),
      status: 403,
      headers: { ...NONE, 'portcullis-refusal': `origin ${OTHER} is not allowed` },
    },
    {
      rule: 'an origin that merely starts with an allowed one is refused',
      req: preflight(`${ALLOWED}.evil.io`, 'PUT'),
      status: 403,
      headers: { ...NONE, 'portcullis-refusal': `origin ${ALLOWED}.evil.io is not allowed` },
    },
    {
      rule: 'the opaque origin null is refused',
      req: preflight('null', 'PUT'),
      status: 403,
      headers: {
        ...NONE,
        'portcullis-refusal': "origin 'null' is never allowed (sandboxed iframes, data: and file: documents, cross-origin redirects)",
      },
    },
  ];

  for (const { rule, req, status, headers } of cases) {
    it(rule, async () => {
      const { route, calls } = itemRoute();
      const response = await route.OPTIONS(req);
      expect(response.status).toBe(status);
      for (const [name, value] of Object.entries(headers)) expect(response.headers.get(name), name).toBe(value);
      expect(response.headers.get('vary')).toBe(PREFLIGHT_VARY);
      expect(await response.text()).toBe('');
      expect(calls).toEqual([]);
    });
  }

  it('explainRefusals: false turns every refusal into a bare 403', async () => {
    const { route } = itemRoute({ origin: ALLOWED, credentials: true, explainRefusals: false });
    for (const req of [preflight(ALLOWED, 'DELETE'), preflight(ALLOWED, 'PUT', 'x-secret'), preflight(OTHER, 'PUT')]) {
      const response = await route.OPTIONS(req);
      expect(response.status).toBe(403);
      expect([...response.headers.keys()].filter((name) => name !== 'vary')).toEqual([]);
    }
  });

  it('allowMethods given explicitly replaces the exported methods', async () => {
    const { route } = itemRoute({ origin: ALLOWED, allowMethods: ['PUT', 'PATCH'] });
    const response = await route.OPTIONS(preflight(ALLOWED, 'PATCH'));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toBe('PUT, PATCH');
  });

  it('a handler exported under GET gets HEAD advertised, as Next implements HEAD from GET', async () => {
    const route = withCors({ GET: () => new Response('ok') }, { origin: ALLOWED });
    const response = await route.OPTIONS(preflight(ALLOWED, 'HEAD'));
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD');
  });

  it('a preflight also reaches a handler called directly, which answers it without running', async () => {
    const { route, calls } = itemRoute();
    const response = await route.PUT(preflight(ALLOWED, 'PUT'), itemContext('7'));
    expect(response.status).toBe(204);
    expect(calls).toEqual([]);
  });
});

describe('withCors: actual requests run the handler and get CORS headers', () => {
  it('an allowed origin reads the response; context.params reaches the handler', async () => {
    const { route, calls } = itemRoute();
    const response = await route.GET(request('GET', { origin: ALLOWED }), itemContext('42'));
    expect(await response.json()).toEqual({ id: '42', method: 'GET' });
    expect(calls).toEqual(['GET 42']);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it("Vary: Origin is merged into the handler's own Vary", async () => {
    const { route } = itemRoute();
    const response = await route.GET(request('GET', { origin: ALLOWED }), itemContext('42'));
    expect(response.headers.get('vary')).toBe('Accept-Language, Origin');
  });

  it('a read from a disallowed origin gets the body but no CORS header, and Vary: Origin', async () => {
    const { route, calls } = itemRoute();
    const response = await route.GET(request('GET', { origin: OTHER, 'sec-fetch-site': 'cross-site' }), itemContext('9'));
    expect(calls).toEqual(['GET 9']);
    expect(await response.json()).toEqual({ id: '9', method: 'GET' });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toBe('Accept-Language, Origin');
  });

  it('with protectWrites: false, a write from a disallowed origin runs, without CORS headers', async () => {
    const { route, calls } = itemRoute({ origin: ALLOWED, credentials: true, protectWrites: false });
    const response = await route.PUT(request('PUT', { origin: OTHER, 'sec-fetch-site': 'cross-site' }), itemContext('9'));
    expect(calls).toEqual(['PUT 9']);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('a request without Origin still gets Vary: Origin, so caches keep origins apart', async () => {
    const { route } = itemRoute();
    const response = await route.GET(request('GET'), itemContext('1'));
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toBe('Accept-Language, Origin');
  });

  it('the context object reaches the handler unchanged', async () => {
    let seen: unknown;
    const route = withCors(
      { GET: (_req: NextRequest, context: Ctx) => ((seen = context), new Response('ok')) },
      { origin: ALLOWED },
    );
    const context = itemContext('x');
    await route.GET(request('GET', { origin: ALLOWED }), context);
    expect(seen).toBe(context);
  });

  it('errors thrown by a handler propagate unchanged, for Next to report', async () => {
    const failure = new Error('database down');
    const route = withCors(
      {
        GET: async () => {
          throw failure;
        },
      },
      { origin: ALLOWED },
    );
    await expect(route.GET(request('GET', { origin: ALLOWED }))).rejects.toBe(failure);
  });

  it('a synchronous handler with a synchronous policy stays synchronous', () => {
    const route = withCors({ GET: () => new Response('ok') }, { origin: ALLOWED });
    const response = route.GET(request('GET', { origin: ALLOWED }));
    expect(response).toBeInstanceOf(Response);
  });

  it('an async origin function receives the NextRequest and decides', async () => {
    const seen: string[] = [];
    const route = withCors(
      { GET: () => new Response('ok') },
      {
        origin: async (origin, req) => {
          seen.push(new URL(req.url).pathname);
          return origin === ALLOWED;
        },
      },
    );
    const allowed = await route.GET(request('GET', { origin: ALLOWED }));
    const refused = await route.GET(request('GET', { origin: OTHER }));
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(seen).toEqual(['/api/items/42', '/api/items/42']);
  });
});

describe('withCors: an OPTIONS request that is not a preflight belongs to the application', () => {
  const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
  const subsets = Array.from({ length: 2 ** METHODS.length - 1 }, (_, bits) =>
    METHODS.filter((_, i) => ((bits + 1) >> i) & 1),
  );

  it("without an OPTIONS handler it gets Next's own answer, for every set of exported methods", async () => {
    for (const methods of subsets) {
      const handlers = Object.fromEntries(methods.map((m) => [m, () => new Response(m)])) as RouteHandlers;
      const ours = await withCors(handlers, { origin: ALLOWED }).OPTIONS(request('OPTIONS'));
      const nexts = (autoImplementMethods(handlers as never) as Record<string, () => Response>).OPTIONS!();
      expect([ours.status, ours.headers.get('allow')], methods.join(',')).toEqual([
        nexts.status,
        nexts.headers.get('allow'),
      ]);
    }
  });

  it('from an allowed origin it is an actual request: Allow plus CORS headers', async () => {
    const { route } = itemRoute();
    const response = await route.OPTIONS(request('OPTIONS', { origin: ALLOWED }));
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS, PUT');
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
  });

  it("the route's own OPTIONS handler runs for it, and only for it", async () => {
    const calls: string[] = [];
    const route = withCors(
      {
        GET: () => new Response('ok'),
        OPTIONS: (req: NextRequest) => (calls.push(req.method), Response.json({ describe: 'me' })),
      },
      { origin: ALLOWED },
    );
    const own = await route.OPTIONS(request('OPTIONS', { origin: ALLOWED }));
    expect(await own.json()).toEqual({ describe: 'me' });
    expect(own.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const pre = await route.OPTIONS(preflight(ALLOWED, 'OPTIONS'));
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET, OPTIONS, HEAD');
    expect(calls).toEqual(['OPTIONS']);
  });
});

describe('withCors: mistakes fail when the route module loads, not per request', () => {
  const cases: { rule: string; handlers: unknown; options?: object; code: string; path: (string | number)[] }[] = [
    { rule: 'a lowercase method is named for what Next routes', handlers: { get: () => new Response() }, code: 'handlers.unknown-method', path: ['handlers', 'get'] },
    { rule: 'an unknown key is refused', handlers: { GET: () => new Response(), dynamic: 'force-dynamic' }, code: 'handlers.unknown-method', path: ['handlers', 'dynamic'] },
    { rule: 'a handler that is not a function is refused', handlers: { POST: 'handler' }, code: 'handlers.not-a-function', path: ['handlers', 'POST'] },
    { rule: 'no handler at all is refused', handlers: {}, code: 'handlers.empty', path: ['handlers'] },
    { rule: 'handlers that are not an object are refused', handlers: null, code: 'handlers.not-an-object', path: ['handlers'] },
    { rule: 'invalid CORS options are reported by the core', handlers: { GET: () => new Response() }, options: { origin: '*', credentials: true }, code: 'origin.wildcard-with-credentials', path: ['origin'] },
  ];
  for (const { rule, handlers, options, code, path } of cases) {
    it(rule, () => {
      const attempt = () => withCors(handlers as RouteHandlers, (options ?? { origin: ALLOWED }) as { origin: string });
      expect(attempt).toThrow(CorsConfigError);
      try {
        attempt();
      } catch (error) {
        expect((error as CorsConfigError).problems.map((p) => ({ code: p.code, path: p.path }))).toContainEqual({ code, path });
      }
    });
  }

  it('an undefined handler is simply left out', () => {
    const route = withCors({ GET: () => new Response('ok'), POST: undefined }, { origin: ALLOWED });
    expect(Object.keys(route).sort()).toEqual(['GET', 'OPTIONS']);
  });

  it('returns exactly the exported methods plus OPTIONS: HEAD stays Next-implemented', () => {
    const { route } = itemRoute();
    expect(Object.keys(route).sort()).toEqual(['GET', 'OPTIONS', 'PUT']);
  });
});

describe('withCors: an origin function sees the NextRequest', () => {
  it('reads nextUrl and cookies without a cast, per request', async () => {
    const seen: string[] = [];
    const route = withCors(
      { GET: (req: NextRequest) => Response.json({ path: req.nextUrl.pathname }) },
      {
        // Preview deployments may call the API only with a preview cookie.
        origin: (origin, req) => {
          seen.push(req.nextUrl.pathname);
          return origin === ALLOWED || req.cookies.get('preview')?.value === 'yes';
        },
      },
    );
    const preview = 'https://preview.myapp.es';
    const withCookie = request('GET', { origin: preview, cookie: 'preview=yes' });
    const without = request('GET', { origin: preview });
    const allowed = (await route.GET(withCookie)) as Response;
    const refused = (await route.GET(without)) as Response;
    expect(allowed.headers.get('access-control-allow-origin')).toBe(preview);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(seen).toEqual(['/api/items/42', '/api/items/42']);
  });
});

describe('withCors: refusals reach onRefusal with the NextRequest, and the log', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a listener gets one event per refusal, its request the NextRequest Next passed', async () => {
    const events: CorsRefusalEvent<NextRequest>[] = [];
    const paths: string[] = [];
    const { route } = itemRoute({
      origin: ALLOWED,
      credentials: true,
      // nextUrl exists only on a NextRequest: a plain Request here would throw.
      onRefusal: (event) => void (events.push(event), paths.push(event.request.nextUrl.pathname)),
    });
    const refusedPreflight = preflight(ALLOWED, 'DELETE');
    const refusedRead = request('GET', { origin: OTHER });
    const refusedWrite = request('PUT', { origin: OTHER, 'sec-fetch-site': 'cross-site' });
    await route.OPTIONS(refusedPreflight);
    await route.GET(refusedRead, itemContext('1'));
    await route.PUT(refusedWrite, itemContext('1'));
    await route.GET(request('GET', { origin: ALLOWED }), itemContext('1'));
    expect(events.map(({ kind, code, origin, method, request }) => ({ kind, code, origin, method, request }))).toEqual([
      { kind: 'preflight', code: 'method.not-allowed', origin: ALLOWED, method: 'DELETE', request: refusedPreflight },
      { kind: 'actual', code: 'origin.not-allowed', origin: OTHER, method: 'GET', request: refusedRead },
      { kind: 'write', code: 'write.cross-origin', origin: OTHER, method: 'PUT', request: refusedWrite },
    ]);
    expect(events.every((event) => event.request instanceof NextRequest)).toBe(true);
    expect(paths).toEqual(['/api/items/42', '/api/items/42', '/api/items/42']);
    expect(events[0]!.fix).toBe("add 'DELETE' to allowMethods");
  });

  it("'log' writes one line per refusal, with its fix, through console.warn", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { route } = itemRoute({ origin: ALLOWED, credentials: true, onRefusal: 'log' });
    await route.OPTIONS(preflight(ALLOWED, 'PUT', 'x-secret'));
    await route.PUT(request('PUT', { origin: OTHER, 'sec-fetch-site': 'cross-site' }), itemContext('1'));
    expect(warn.mock.calls).toEqual([
      [`portcullis: refused preflight from ${ALLOWED}: request header 'x-secret' is not allowed; add 'x-secret' to allowHeaders`],
      [`portcullis: refused write from ${OTHER}: cross-site PUT from ${OTHER} refused: the origin is not allowed; add the origin to origin if that site may write, or set protectWrites: false`],
    ]);
  });
});

describe('withCors: cross-origin writes are refused before any exported handler runs', () => {
  const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

  /** A route exporting every method Next routes to, counting the calls of each handler. */
  function everyMethodRoute(options: Parameters<typeof withCors>[1]) {
    const calls: string[] = [];
    const handler = (req: NextRequest) => (calls.push(req.method), Response.json({ ran: req.method }));
    const handlers: Record<RouteMethod, typeof handler> = {
      GET: handler,
      HEAD: handler,
      POST: handler,
      PUT: handler,
      PATCH: handler,
      DELETE: handler,
      OPTIONS: handler,
    };
    return { route: withCors(handlers, options), calls };
  }

  const rows: { rule: string; method: (typeof WRITES)[number]; headers: Record<string, string>; runs: boolean; reason?: string }[] = [
    ...WRITES.map((method) => ({
      rule: `a ${method} from a disallowed origin, cross-site, is refused`,
      method,
      headers: { origin: OTHER, 'sec-fetch-site': 'cross-site' },
      runs: false,
      reason: `cross-site ${method} from ${OTHER} refused: the origin is not allowed`,
    })),
    {
      rule: 'a form POST from a disallowed origin is refused',
      method: 'POST',
      headers: { origin: OTHER, 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' },
      runs: false,
      reason: `cross-site POST from ${OTHER} refused: the origin is not allowed`,
    },
    {
      rule: 'a text/plain POST (no preflight) from a disallowed origin is refused',
      method: 'POST',
      headers: { origin: OTHER, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
      runs: false,
      reason: `cross-site POST from ${OTHER} refused: the origin is not allowed`,
    },
    {
      rule: 'a browser without Fetch Metadata: an Origin that is not the host is refused',
      method: 'POST',
      headers: { origin: OTHER, 'content-type': 'text/plain' },
      runs: false,
      reason: `cross-origin POST from ${OTHER} refused: the origin is not allowed, and it is not the request's host api.myapp.es`,
    },
    ...WRITES.map((method) => ({
      rule: `a ${method} from the allowed origin runs`,
      method,
      headers: { origin: ALLOWED, 'sec-fetch-site': 'same-site', 'content-type': 'text/plain' },
      runs: true,
    })),
    { rule: 'a same-origin POST runs', method: 'POST', headers: { origin: APP, 'sec-fetch-site': 'same-origin', 'content-type': 'text/plain' }, runs: true },
    { rule: 'a same-origin POST from a browser without Fetch Metadata runs', method: 'POST', headers: { origin: APP, 'content-type': 'text/plain' }, runs: true },
    { rule: 'a POST without Origin or Sec-Fetch-Site (curl, a server) runs', method: 'POST', headers: { 'content-type': 'text/plain' }, runs: true },
  ];

  for (const { rule, method, headers, runs, reason } of rows) {
    it(rule, async () => {
      const { route, calls } = everyMethodRoute({ origin: ALLOWED, credentials: true });
      const response = await route[method](request(method, headers));
      expect(calls).toEqual(runs ? [method] : []);
      if (runs) {
        expect(response.status).toBe(200);
        expect(response.headers.get('access-control-allow-origin')).toBe(headers.origin === ALLOWED ? ALLOWED : null);
        return;
      }
      expect(response.status).toBe(403);
      expect(await response.text()).toBe('');
      expect(response.headers.get('portcullis-refusal')).toBe(reason);
      expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
      expect(response.headers.get('vary')).toBe('Origin');
    });
  }

  it('reads from a disallowed origin still run: GET, HEAD and a plain OPTIONS change nothing', async () => {
    const { route, calls } = everyMethodRoute({ origin: ALLOWED, credentials: true });
    for (const method of ['GET', 'HEAD', 'OPTIONS'] as const) {
      await route[method](request(method, { origin: OTHER, 'sec-fetch-site': 'cross-site' }));
    }
    expect(calls).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });

  it('is off by default without credentials, and on with protectWrites: true', async () => {
    const cross = () => request('POST', { origin: OTHER, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' });
    const open = everyMethodRoute({ origin: ALLOWED });
    await open.route.POST(cross());
    expect(open.calls).toEqual(['POST']);
    const guarded = everyMethodRoute({ origin: ALLOWED, protectWrites: true });
    expect((await guarded.route.POST(cross())).status).toBe(403);
    expect(guarded.calls).toEqual([]);
  });

  it('explainRefusals: false refuses with a bare 403', async () => {
    const { route, calls } = everyMethodRoute({ origin: ALLOWED, credentials: true, explainRefusals: false });
    const response = await route.DELETE(request('DELETE', { origin: OTHER, 'sec-fetch-site': 'cross-site' }));
    expect(response.status).toBe(403);
    expect(response.headers.get('portcullis-refusal')).toBeNull();
    expect(calls).toEqual([]);
  });
});

describe('withCors: a policy in place of options', () => {
  it('one cors() policy shared by two routes: each advertises its own exports', async () => {
    const policy = cors({ origin: ALLOWED, credentials: true });
    const items = withCors({ GET: () => new Response('items'), PUT: () => new Response('put') }, policy);
    const reports = withCors({ POST: () => new Response('created') }, policy);
    expect((await items.OPTIONS(preflight(ALLOWED, 'PUT'))).headers.get('access-control-allow-methods')).toBe('GET, PUT, HEAD');
    const refused = await reports.OPTIONS(preflight(ALLOWED, 'PUT'));
    expect(refused.headers.get('access-control-allow-methods')).toBe('POST');
    expect(refused.headers.get('portcullis-refusal')).toBe("method 'PUT' is not allowed (allowed: POST)");
    const read = await items.GET(request('GET', { origin: ALLOWED }));
    expect(read.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it("a policy's own allowMethods wins over the exports", async () => {
    const route = withCors({ GET: () => new Response('x') }, cors({ origin: ALLOWED, allowMethods: ['GET', 'PATCH'] }));
    expect((await route.OPTIONS(preflight(ALLOWED, 'PATCH'))).headers.get('access-control-allow-methods')).toBe('GET, PATCH');
  });

  it('corsByRequest picks a policy per request, and the route still advertises its exports', async () => {
    const partner = cors({ origin: 'https://partner.example', credentials: true });
    const app = cors({ origin: ALLOWED });
    const chosen: string[] = [];
    const policy = corsByRequest((req: NextRequest) => {
      chosen.push(req.nextUrl.searchParams.get('via') ?? 'app');
      return req.nextUrl.searchParams.has('via') ? partner : app;
    });
    const calls: string[] = [];
    const route = withCors({ POST: (req: NextRequest) => (calls.push(req.method), new Response('ok')) }, policy);
    const partnerPreflight = await route.OPTIONS(preflight('https://partner.example', 'POST', 'content-type', '/api/items/42?via=partner'));
    expect(partnerPreflight.status).toBe(204);
    expect(partnerPreflight.headers.get('access-control-allow-origin')).toBe('https://partner.example');
    expect(partnerPreflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(partnerPreflight.headers.get('access-control-allow-methods')).toBe('POST');
    const appPreflight = await route.OPTIONS(preflight('https://partner.example', 'POST'));
    expect(appPreflight.status).toBe(403);
    // The partner policy has credentials, so it protects writes; the app policy does not.
    const crossWrite = { origin: OTHER, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' };
    expect((await route.POST(request('POST', crossWrite, '/api/items/42?via=partner'))).status).toBe(403);
    expect((await route.POST(request('POST', crossWrite))).status).toBe(200);
    expect(calls).toEqual(['POST']);
    expect(chosen).toEqual(['partner', 'app', 'partner', 'app']);
  });

  it('an async policy (origin function) makes the handlers async, and still decides', async () => {
    const policy = cors({ origin: async (origin: string) => origin === ALLOWED });
    const route = withCors({ GET: () => new Response('ok') }, policy);
    const allowed = route.GET(request('GET', { origin: ALLOWED }));
    expect(allowed).toBeInstanceOf(Promise);
    expect((await allowed).headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('anything else that is not options is still validated as options', () => {
    expect(() => withCors({ GET: () => new Response('x') }, { wrap: () => undefined } as never)).toThrow(CorsConfigError);
  });
});

describe("withCors: write protection reads the host from the Host header, as Next's URL says localhost", () => {
  // What `next start` passes a route: the URL names the host it listens on, the Host header the
  // host the browser asked for (checked against a real server in the integration test).
  const sameOriginWrite = () =>
    new NextRequest('http://localhost:3000/api/items/42', {
      method: 'POST',
      headers: { host: 'api.myapp.es', origin: APP, 'content-type': 'text/plain' },
    });

  it('a same-origin write from a browser without Fetch Metadata runs', async () => {
    const calls: string[] = [];
    const route = withCors({ POST: (req: NextRequest) => (calls.push(req.method), new Response('ok')) }, { origin: ALLOWED, credentials: true });
    expect((await route.POST(sameOriginWrite())).status).toBe(200);
    expect(calls).toEqual(['POST']);
  });

  it("so does it with the package's cors(), while the core's reads the URL and refuses it", async () => {
    const handlers = { POST: () => new Response('ok') };
    expect((await withCors(handlers, cors({ origin: ALLOWED, credentials: true })).POST(sameOriginWrite())).status).toBe(200);
    const core = await withCors(handlers, coreCors({ origin: ALLOWED, credentials: true })).POST(sameOriginWrite());
    expect(core.status).toBe(403);
    expect(core.headers.get('portcullis-refusal')).toContain("it is not the request's host localhost:3000");
  });
});
