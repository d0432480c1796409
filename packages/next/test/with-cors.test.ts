import { describe, expect, it } from 'vitest';
import type { NextRequest } from 'next/server';
// Next's own automatic OPTIONS answer, to prove ours is the same for every set of exports.
import { autoImplementMethods } from 'next/dist/server/route-modules/app-route/helpers/auto-implement-methods';
import { CorsConfigError, withCors, type RouteHandlers } from '../src/index.js';
import { ALLOWED, OTHER, itemContext, preflight, request } from './requests.js';

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
  const cases = [
    {
      rule: 'a method the route exports is allowed',
      req: preflight(ALLOWED, 'PUT', 'content-type'),
      status: 204,
      headers: {
        'access-control-allow-origin': ALLOWED,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'GET, PUT, HEAD',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
        vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      },
    },
    {
      rule: 'a method the route does not export is refused with 403',
      req: preflight(ALLOWED, 'DELETE'),
      status: 403,
      headers: { 'access-control-allow-origin': null, 'access-control-allow-methods': null },
    },
    {
      rule: 'a disallowed origin is refused with 403 and no CORS header',
      req: preflight(OTHER, 'PUT'),
      status: 403,
      headers: { 'access-control-allow-origin': null, 'access-control-allow-credentials': null },
    },
    {
      rule: 'an origin that merely starts with an allowed one is refused',
      req: preflight(`${ALLOWED}.evil.io`, 'PUT'),
      status: 403,
      headers: { 'access-control-allow-origin': null },
    },
    {
      rule: 'the opaque origin null is refused',
      req: preflight('null', 'PUT'),
      status: 403,
      headers: { 'access-control-allow-origin': null },
    },
    {
      rule: 'an unlisted request header is refused',
      req: preflight(ALLOWED, 'PUT', 'x-secret'),
      status: 403,
      headers: { 'access-control-allow-origin': null },
    },
  ];

  for (const { rule, req, status, headers } of cases) {
    it(rule, async () => {
      const { route, calls } = itemRoute();
      const response = await route.OPTIONS(req);
      expect(response.status).toBe(status);
      for (const [name, value] of Object.entries(headers)) expect(response.headers.get(name), name).toBe(value);
      expect(calls).toEqual([]);
    });
  }

  it('a refused preflight says why in its Portcullis-Refusal header', async () => {
    const { route } = itemRoute();
    const response = await route.OPTIONS(preflight(ALLOWED, 'DELETE'));
    expect(response.headers.get('portcullis-refusal')).toBe("the method 'DELETE' is not allowed");
    expect(await response.text()).toBe('');
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

  it('a disallowed origin gets the body but no CORS header, and Vary: Origin', async () => {
    const { route, calls } = itemRoute();
    const response = await route.PUT(request('PUT', { origin: OTHER }), itemContext('9'));
    expect(calls).toEqual(['PUT 9']);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
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
  const cases: { rule: string; handlers: unknown; options?: object; path: string }[] = [
    { rule: 'a lowercase method is named for what Next routes', handlers: { get: () => new Response() }, path: 'handlers.get' },
    { rule: 'an unknown key is refused', handlers: { GET: () => new Response(), dynamic: 'force-dynamic' }, path: 'handlers.dynamic' },
    { rule: 'a handler that is not a function is refused', handlers: { POST: 'handler' }, path: 'handlers.POST' },
    { rule: 'no handler at all is refused', handlers: {}, path: 'handlers' },
    { rule: 'invalid CORS options are reported by the core', handlers: { GET: () => new Response() }, options: { origin: '*', credentials: true }, path: 'origin' },
  ];
  for (const { rule, handlers, options, path } of cases) {
    it(rule, () => {
      const attempt = () => withCors(handlers as RouteHandlers, (options ?? { origin: ALLOWED }) as { origin: string });
      expect(attempt).toThrow(CorsConfigError);
      try {
        attempt();
      } catch (error) {
        expect((error as CorsConfigError).problems.map((p) => p.path)).toContain(path);
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
