import { createCorsEngine } from '@portcullis/core/adapter';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { describe, expect, test } from 'vitest';
import portcullis, { CorsConfigError, type PortcullisFastifyOptions } from '../src/index.js';
import { appWith, corsHeaders, EVIL, MYAPP, ok, PREFLIGHT_VARY, preflight, track } from './helpers.js';

// The decision the core makes for a preflight to PUT /items/:id, the only route of the app.
function coreDecision(options: PortcullisFastifyOptions & { origin: string }, origin: string, method: string, requestHeaders: string | undefined) {
  const engine = createCorsEngine(options as Parameters<typeof createCorsEngine>[0]).withRouteMethods(['PUT']);
  return engine.decidePreflight(origin, method, requestHeaders, new Request('http://localhost/items/7'));
}

describe('a preflight is answered from the decision exactly: status, headers, Vary, empty body', () => {
  const rows: {
    rule: string;
    options: PortcullisFastifyOptions & { origin: string };
    origin?: string;
    method?: string;
    requestHeaders?: string;
    status: number;
    refusal?: string;
  }[] = [
    { rule: "an allowed origin: the route's methods, the requested headers, Max-Age", options: { origin: MYAPP }, requestHeaders: 'content-type', status: 204 },
    { rule: 'credentials add Access-Control-Allow-Credentials', options: { origin: MYAPP, credentials: true }, status: 204 },
    { rule: 'preflightStatus sets the status of allowed preflights', options: { origin: MYAPP, preflightStatus: 200 }, status: 200 },
    { rule: 'preflightCacheControl adds Cache-Control to allowed answers', options: { origin: MYAPP, preflightCacheControl: 600 }, status: 204 },
    { rule: 'a refused origin: 403 with only the reason', options: { origin: MYAPP }, origin: EVIL, status: 403, refusal: 'origin https://evil.example is not allowed' },
    {
      rule: "the 'null' origin of sandboxed iframes is never allowed",
      options: { origin: MYAPP },
      origin: 'null',
      status: 403,
      refusal: "origin 'null' is never allowed (sandboxed iframes, data: and file: documents, cross-origin redirects)",
    },
    { rule: 'a look-alike origin is refused', options: { origin: MYAPP }, origin: 'https://myapp.es.evil.io', status: 403, refusal: 'origin https://myapp.es.evil.io is not allowed' },
    {
      rule: "an allowed origin's refused header is explained: 2xx, what is allowed, the reason",
      options: { origin: MYAPP },
      requestHeaders: 'content-type,x-secret',
      status: 204,
      refusal: "request header 'x-secret' is not allowed",
    },
    {
      rule: "an allowed origin's refused method is explained",
      options: { origin: MYAPP, allowMethods: ['GET'] },
      status: 204,
      refusal: "method 'PUT' is not allowed (allowed: GET)",
    },
    { rule: 'explainRefusals: false makes a refusal a bare 403', options: { origin: MYAPP, explainRefusals: false }, requestHeaders: 'x-secret', status: 403 },
  ];

  test.each(rows)('$rule', async ({ options, origin = MYAPP, method = 'PUT', requestHeaders, status, refusal }) => {
    const app = await appWith(options, (a) => {
      a.put('/items/:id', ok);
    });
    const response = await preflight(app, '/items/7', method, { origin, ...(requestHeaders === undefined ? {} : { requestHeaders }) });
    const decision = coreDecision(options, origin, method, requestHeaders);
    if (decision instanceof Promise) throw new Error('synchronous options only');

    expect(response.statusCode).toBe(status);
    expect(response.statusCode).toBe(decision.status);
    expect(response.body).toBe('');
    expect(response.headers.vary).toBe(decision.vary);
    expect(response.headers['portcullis-refusal']).toBe(refusal);
    const sent = Object.fromEntries(decision.headers);
    expect(corsHeaders(response)).toEqual(Object.fromEntries(Object.entries(sent).filter(([name]) => name !== 'cache-control')));
    expect(response.headers['cache-control']).toBe(sent['cache-control']);
  });

  test('several Access-Control-Request-Headers lines are one list', async () => {
    const app = await appWith({ origin: MYAPP, allowHeaders: ['content-type', 'x-user'] }, (a) => {
      a.put('/items/:id', ok);
    });
    const response = await app.inject({
      method: 'OPTIONS',
      url: '/items/7',
      // Node keeps a header sent on two lines as an array.
      headers: { origin: MYAPP, 'access-control-request-method': 'PUT', 'access-control-request-headers': ['content-type', 'x-user'] } as unknown as Record<string, string>,
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-headers']).toBe('content-type, x-user');
  });
});

describe('a preflight for a method no route serves at its URL is decided like any other, with the methods routed there', () => {
  // One source for the answer and its reason: the core's engine, given the URL's methods.
  function expected(options: Partial<PortcullisFastifyOptions>, methods: string[], origin: string, method: string) {
    const engine = createCorsEngine({ origin: MYAPP, ...options } as Parameters<typeof createCorsEngine>[0]).withRouteMethods(methods);
    return engine.decidePreflight(origin, method, 'content-type', new Request('http://localhost/'));
  }

  const rows: { rule: string; url: string; method: string; origin?: string; options?: Partial<PortcullisFastifyOptions>; methods: string[]; allowed: boolean }[] = [
    { rule: 'a URL without any route: no method is advertised', url: '/nowhere', method: 'DELETE', methods: [], allowed: false },
    { rule: 'a method the URL does not serve, beside ones it does', url: '/items/1', method: 'DELETE', methods: ['PUT', 'GET', 'HEAD', 'PATCH'], allowed: false },
    { rule: "a method in another case: browsers send 'patch' as written, and PATCH is what is routed", url: '/items/1', method: 'patch', methods: ['PUT', 'GET', 'HEAD', 'PATCH'], allowed: false },
    { rule: 'a safelisted method passes any method check: the request that follows gets the 404, readable', url: '/items/1', method: 'POST', methods: ['PUT', 'GET', 'HEAD', 'PATCH'], allowed: true },
    { rule: 'a safelisted method at a URL without any route', url: '/nowhere', method: 'POST', methods: [], allowed: true },
    { rule: 'a refused origin is refused for its origin first', url: '/nowhere', method: 'DELETE', origin: EVIL, methods: [], allowed: false },
    { rule: 'a method that is not a token is refused without being repeated', url: '/nowhere', method: 'DE LETE', methods: [], allowed: false },
    { rule: 'explainRefusals: false: a bare 403', url: '/nowhere', method: 'DELETE', options: { explainRefusals: false }, methods: [], allowed: false },
  ];

  test.each(rows)('$rule', async ({ url, method, origin = MYAPP, options = {}, methods, allowed }) => {
    const app = await appWith({ origin: MYAPP, ...options } as PortcullisFastifyOptions, (a) => {
      a.put('/items/:id', ok);
      a.get('/items/:id', ok);
      a.patch('/items/:id', ok);
    });
    const response = await preflight(app, url, method, { origin, requestHeaders: 'content-type' });
    const decision = expected(options, methods, origin, method);
    if (decision instanceof Promise) throw new Error('synchronous options only');
    expect(decision.allowed).toBe(allowed);
    expect(response.statusCode).toBe(decision.status);
    expect(corsHeaders(response)).toEqual(Object.fromEntries(decision.headers));
    expect(response.headers.vary).toBe(decision.vary);
    expect(response.body).toBe('');
    const refusal = response.headers['portcullis-refusal'];
    if (refusal !== undefined && origin === MYAPP && method !== 'DE LETE') expect(refusal).toContain(`'${method}'`);
  });

  test('the refusal names no method the answer does not advertise (one source for both)', async () => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.delete('/only-delete/:id', ok);
    });
    const response = await preflight(app, '/only-delete/1', 'PATCH');
    expect(response.headers['access-control-allow-methods']).toBe('DELETE');
    const listed = /\(allowed: ([^)]*)\)/.exec(String(response.headers['portcullis-refusal']))?.[1];
    // The core lists what it allows; the adapter hands it the route's methods and adds nothing.
    const decision = expected({}, ['DELETE'], MYAPP, 'PATCH');
    if (decision instanceof Promise || decision.allowed) throw new Error('a refusal was expected');
    expect(response.headers['portcullis-refusal']).toBe(Object.fromEntries(decision.headers)['portcullis-refusal']);
    expect(listed?.split(', ')).toContain('DELETE');
  });

  test("a route's own config.cors decides for the methods it lacks, not the plugin's options", async () => {
    const app = await appWith({ origin: 'https://unused.example' }, (a) => {
      a.route({ method: ['GET', 'PUT', 'PATCH'], url: '/own/*', config: { cors: { origin: MYAPP, allowMethods: ['GET', 'PUT', 'PATCH'] } }, handler: ok });
    });
    const response = await preflight(app, '/own/1', 'patch', { origin: MYAPP });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(MYAPP);
    expect(response.headers['access-control-allow-methods']).toBe('GET, PUT, PATCH');
    expect(response.headers['portcullis-refusal']).toContain("'patch'");
  });

  test('a route registered before the plugin is answered like any other', async () => {
    const app = track(Fastify());
    app.delete('/early', { config: { cors: { allowHeaders: ['x-early'] } } }, ok);
    void app.register(portcullis, { origin: MYAPP });
    await app.ready();
    const response = await preflight(app, '/early', 'DELETE', { requestHeaders: 'x-early' });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-headers']).toBe('x-early');
  });
});

describe('the advertised methods of a URL are the methods registered for it', () => {
  async function app(): Promise<FastifyInstance> {
    return appWith({ origin: MYAPP }, (a) => {
      a.get('/items', ok);
      a.post('/items', ok);
      a.delete('/items/:id', ok);
      a.patch('/items/:id', ok);
      a.route({ method: ['PUT', 'PATCH'], url: '/bulk', handler: ok });
    });
  }

  test.each([
    { url: '/items', method: 'POST', advertised: 'GET, HEAD, POST' },
    { url: '/items/3', method: 'DELETE', advertised: 'DELETE, PATCH' },
    { url: '/bulk', method: 'PUT', advertised: 'PATCH, PUT' },
  ])('$url advertises its own methods (preflight for $method)', async ({ url, method, advertised }) => {
    const response = await preflight(await app(), url, method);
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-methods']!.split(', ').sort()).toEqual(advertised.split(', '));
  });

  test('explicit allowMethods is advertised as given, whatever the routes', async () => {
    const explicit = await appWith({ origin: MYAPP, allowMethods: ['GET', 'PUT', 'DELETE'] }, (a) => {
      a.put('/items', ok);
    });
    expect((await preflight(explicit, '/items', 'PUT')).headers['access-control-allow-methods']).toBe('GET, PUT, DELETE');
  });
});

describe("a route's own config.cors governs its preflights", () => {
  async function app(): Promise<FastifyInstance> {
    return appWith({ origin: MYAPP, credentials: true }, (a) => {
      a.put('/public', { config: { cors: { origin: '*', credentials: false } } }, ok);
      a.put('/internal', { config: { cors: false } }, ok);
      a.get('/mixed', ok);
      a.put('/mixed', ok);
      a.delete('/mixed', { config: { cors: false } }, ok);
    });
  }

  test('an override applies to the preflight of its route', async () => {
    const response = await preflight(await app(), '/public', 'PUT', { origin: 'https://anyone.example' });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  test('cors: false leaves the preflight to Fastify (404 here), with no CORS header', async () => {
    const response = await preflight(await app(), '/internal', 'PUT');
    expect(response.statusCode).toBe(404);
    expect(corsHeaders(response)).toEqual({});
  });

  test('cors: false on one method of a URL: its preflight is not answered, the others are', async () => {
    const a = await app();
    expect((await preflight(a, '/mixed', 'DELETE')).statusCode).toBe(404);
    expect((await preflight(a, '/mixed', 'PUT')).statusCode).toBe(204);
  });

  test('a method under another policy is not advertised (the browser would cache it as allowed)', async () => {
    const response = await preflight(await app(), '/mixed', 'PUT');
    expect(response.headers['access-control-allow-methods']!.split(', ').sort()).toEqual(['GET', 'HEAD', 'PUT']);
  });
});

describe('an OPTIONS request that is not a preflight is an ordinary request', () => {
  test.each([
    { rule: 'without Origin', headers: { 'access-control-request-method': 'PUT' } },
    { rule: 'without Access-Control-Request-Method', headers: { origin: MYAPP } },
  ])("reaches the user's OPTIONS route $rule", async ({ headers }) => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.options('/items', async () => 'user options handler');
    });
    const response = await app.inject({ method: 'OPTIONS', url: '/items', headers });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('user options handler');
  });

  test("reaches app.all('*'), with CORS headers", async () => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.all('*', async (request) => `all ${request.method}`);
    });
    const response = await app.inject({ method: 'OPTIONS', url: '/x', headers: { origin: MYAPP } });
    expect(response.body).toBe('all OPTIONS');
    expect(response.headers['access-control-allow-origin']).toBe(MYAPP);
  });

  test("gets Fastify's 404 (never a 400) where no OPTIONS route exists, with CORS headers", async () => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.get('/items', ok);
    });
    const response = await app.inject({ method: 'OPTIONS', url: '/items', headers: { origin: MYAPP } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['access-control-allow-origin']).toBe(MYAPP);
  });

  test("a preflight does not reach the user's OPTIONS handler", async () => {
    let calls = 0;
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.options('/items', async () => {
        calls++;
        return 'user';
      });
      a.put('/items', ok);
    });
    expect((await preflight(app, '/items', 'PUT')).statusCode).toBe(204);
    expect(calls).toBe(0);
  });

  test('the plugin registers no route: a user OPTIONS catch-all and app.all("*") still register', async () => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.options('*', async () => 'user options');
      a.all('/all/*', async () => 'user all');
    });
    const plain = await app.inject({ method: 'OPTIONS', url: '/anything', headers: { origin: MYAPP } });
    expect(plain.body).toBe('user options');
    expect((await preflight(app, '/all/x', 'GET')).statusCode).toBe(204);
    const bare = await appWith({ origin: MYAPP }, () => {});
    expect(bare.findRoute({ method: 'OPTIONS', url: '/anything' })).toBeNull();
  });
});

describe("routes are matched as Fastify's router matches them", () => {
  test('routes in a prefixed plugin, including its "/" route with and without the slash', async () => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      void a.register(
        async (api) => {
          api.put('/', ok);
          api.delete('/items/:id', { config: { cors: false } }, ok);
        },
        { prefix: '/api' },
      );
    });
    expect((await preflight(app, '/api', 'PUT')).statusCode).toBe(204);
    expect((await preflight(app, '/api/', 'PUT')).statusCode).toBe(204);
    expect((await preflight(app, '/api/items/1', 'DELETE')).statusCode).toBe(404);
  });

  test('routerOptions.ignoreTrailingSlash and caseSensitive are honoured', async () => {
    const app = await appWith(
      { origin: MYAPP },
      (a) => {
        a.delete('/Items', { config: { cors: false } }, ok);
      },
      { routerOptions: { ignoreTrailingSlash: true, caseSensitive: false } },
    );
    // The route is found (so its cors: false applies) despite the slash and the case.
    expect((await preflight(app, '/items/', 'DELETE')).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: '/items/' })).statusCode).toBe(200);
  });
});

describe('constraint variants: the preflight is answered by the variant the actual request reaches', () => {
  async function hostVariants(): Promise<FastifyInstance> {
    return appWith({ origin: MYAPP }, (a) => {
      a.put('/x', ok);
      a.put('/x', { constraints: { host: 'admin.test' }, config: { cors: false } }, ok);
      a.put('/y', { constraints: { host: /^tenant-\d+\.test$/ }, config: { cors: { origin: '*' } } }, ok);
    });
  }

  test.each([
    { rule: "Host admin.test reaches the variant with CORS off: Fastify's answer", url: '/x', host: 'admin.test', status: 404, acao: undefined },
    { rule: 'any other Host reaches the unconstrained route', url: '/x', host: 'api.test', status: 204, acao: MYAPP },
    { rule: 'a RegExp host constraint is evaluated too', url: '/y', host: 'tenant-7.test', status: 204, acao: '*' },
    { rule: 'a Host no variant accepts has no route: no method is advertised', url: '/y', host: 'other.test', status: 204, acao: MYAPP },
  ])('$rule', async ({ url, host, status, acao }) => {
    const app = await hostVariants();
    const response = await preflight(app, url, 'PUT', { headers: { host } });
    expect(response.statusCode).toBe(status);
    expect(response.headers['access-control-allow-origin']).toBe(acao);
    // The actual request reaches the same variant, with the same CORS.
    const actual = await app.inject({ method: 'PUT', url, headers: { host, origin: MYAPP } });
    if (host !== 'other.test') expect(actual.headers['access-control-allow-origin']).toBe(acao);
  });

  test('version variants sharing one config.cors share their preflight answer', async () => {
    const cors = { exposeHeaders: ['x-v'] };
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.put('/v', { constraints: { version: '1.0.0' }, config: { cors } }, ok);
      a.put('/v', { constraints: { version: '2.0.0' }, config: { cors } }, ok);
    });
    // A browser's preflight carries no Accept-Version: the script's header is only named in ACRH.
    const response = await preflight(app, '/v', 'PUT', { requestHeaders: 'accept-version' });
    expect(response.statusCode).toBe(204);
  });

  /** The error ready() rejects with when the two PUT /v routes are registered. */
  async function variantsError(first: Record<string, unknown>, second: Record<string, unknown>, serverOptions: FastifyServerOptions = {}): Promise<unknown> {
    const app = track(Fastify(serverOptions));
    void app.register(portcullis, { origin: MYAPP });
    app.put('/v', first, ok);
    app.put('/v', second, ok);
    return app.ready().then(() => undefined, (error: unknown) => error);
  }

  test.each([
    { rule: 'version variants', first: { constraints: { version: '1.0.0' }, config: { cors: { origin: '*' } } }, second: { constraints: { version: '2.0.0' }, config: { cors: false } } },
    { rule: 'a version variant beside an unconstrained route', first: { config: { cors: { origin: '*' } } }, second: { constraints: { version: '2.0.0' }, config: { cors: false } } },
    { rule: 'version variants with equal options written twice', first: { constraints: { version: '1.0.0' }, config: { cors: { origin: '*' } } }, second: { constraints: { version: '2.0.0' }, config: { cors: { origin: '*' } } } },
  ])('$rule whose config.cors differ are refused at start-up', async ({ first, second }) => {
    const error = await variantsError(first, second);
    expect(error).toBeInstanceOf(CorsConfigError);
    const problem = (error as CorsConfigError).problems[0]!;
    expect(problem.code).toBe('route.variants-differ');
    expect(problem.path).toEqual(['routes', 'PUT /v', 'config', 'cors']);
    expect(problem.message).toContain('Accept-Version');
  });

  test('variants of a custom constraint whose config.cors differ are refused too', async () => {
    const tenant = {
      name: 'tenant',
      storage: () => {
        const map = new Map<string, unknown>();
        return { get: (k: string) => map.get(k) ?? null, set: (k: string, v: unknown) => void map.set(k, v) };
      },
      deriveConstraint: (request: { headers: Record<string, unknown> }) => request.headers['x-tenant'],
      validate: () => true,
    };
    const error = await variantsError({ constraints: { tenant: 'a' } }, { constraints: { tenant: 'b' }, config: { cors: { origin: '*' } } }, {
      routerOptions: { constraints: { tenant } },
    } as FastifyServerOptions);
    expect(error).toBeInstanceOf(CorsConfigError);
  });
});
