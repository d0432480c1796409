// wrap(), preflight(), apply() and withRouteMethods(): the pieces adapters are built from.
import { describe, expect, it, vi } from 'vitest';
import { createCorsEngine } from '../src/adapter.js';
import { cors, withCors, type CorsOptions, type CorsRefusalEvent } from '../src/index.js';
import { preflightRequest, request } from './helpers.js';

const APP = 'https://myapp.es';

describe('wrap: arguments and results', () => {
  it('passes the request and every rest argument through untouched', () => {
    const server = { upgrade: () => true };
    const info = { remoteAddr: { hostname: '127.0.0.1' } };
    const seen: unknown[][] = [];
    const wrapped = cors({ origin: APP }).wrap((req: Request, a: typeof server, b: typeof info, c: undefined, d: number) => {
      seen.push([req, a, b, c, d]);
      return new Response('x');
    });
    const req = request({ origin: APP });
    wrapped(req, server, info, undefined, 0);
    expect(seen).toHaveLength(1);
    expect(seen[0]![0]).toBe(req);
    expect(seen[0]![1]).toBe(server);
    expect(seen[0]![2]).toBe(info);
    expect(seen[0]!.length).toBe(5);
    expect(seen[0]![4]).toBe(0);
  });

  it.each([
    { name: 'allowed origin', origin: APP as string | null, policy: { origin: APP } as CorsOptions },
    { name: 'disallowed origin', origin: 'https://evil.io', policy: { origin: APP } },
    { name: 'no origin', origin: null, policy: { origin: APP } },
    { name: 'async origin function', origin: APP, policy: { origin: async () => true } },
  ])('forwards `this` to the handler, as Bun calls fetch with the server ($name)', async ({ origin, policy }) => {
    const server = {
      name: 'server',
      fetch: cors(policy).wrap(function (this: { name: string }, _req: Request) {
        return new Response(this.name);
      }),
    };
    const response = await server.fetch(request({ origin }));
    expect(await (response as Response).text()).toBe('server');
  });

  it.each([
    { name: 'allowed origin', origin: APP },
    { name: 'disallowed origin', origin: 'https://evil.io' },
    { name: 'no origin', origin: null },
  ])('a sync handler under a sync policy returns a Response, not a promise ($name)', ({ origin }) => {
    const result = cors({ origin: [APP], credentials: true }).wrap(() => new Response('x'))(request({ origin }));
    expect(result).toBeInstanceOf(Response);
  });

  it('a sync policy answers a preflight synchronously', () => {
    const wrapped = cors({ origin: APP }).wrap(() => new Response('x'));
    expect(wrapped(preflightRequest(APP, 'PUT'))).toBeInstanceOf(Response);
  });

  it('an async handler works and its result is decorated', async () => {
    const wrapped = cors({ origin: APP }).wrap(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return new Response('later');
    });
    const result = wrapped(request({ origin: APP }));
    expect(result).toBeInstanceOf(Promise);
    const response = (await result) as Response;
    expect(await response.text()).toBe('later');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('withCors(handler, options) is cors(options).wrap(handler)', async () => {
    const handler = () => new Response('x');
    const a = withCors(handler, { origin: APP, credentials: true })(request({ origin: APP })) as Response;
    const b = cors({ origin: APP, credentials: true }).wrap(handler)(request({ origin: APP })) as Response;
    expect([...a.headers]).toEqual([...b.headers]);
  });
});

describe('wrap: errors propagate unchanged', () => {
  class AppError extends Error {}
  const policies: { name: string; options: CorsOptions }[] = [
    { name: 'sync policy', options: { origin: APP } },
    { name: "origin '*'", options: { origin: '*' } },
    { name: 'async origin function', options: { origin: async () => true } },
  ];

  it.each(policies)('a sync throw is rethrown as the same error ($name)', async ({ options }) => {
    const error = new AppError('boom');
    const wrapped = cors(options).wrap(() => {
      throw error;
    });
    for (const origin of [APP, null, 'https://evil.io']) {
      const outcome = await (async () => wrapped(request({ origin })))().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(outcome).toBe(error);
    }
  });

  it('a sync throw under a sync policy is thrown synchronously', () => {
    const error = new AppError('boom');
    const wrapped = cors({ origin: APP }).wrap(() => {
      throw error;
    });
    expect(() => wrapped(request({ origin: APP }))).toThrow(error);
  });

  it.each(policies)('an async rejection rejects with the same error ($name)', async ({ options }) => {
    const error = new AppError('later');
    const wrapped = cors(options).wrap(async () => {
      throw error;
    });
    await expect(wrapped(request({ origin: APP }))).rejects.toBe(error);
  });

  it('a rejecting origin function rejects the wrapped call and never calls the handler', async () => {
    const error = new AppError('db down');
    let called = false;
    const wrapped = cors({ origin: async () => Promise.reject(error) }).wrap(() => {
      called = true;
      return new Response('x');
    });
    await expect(wrapped(request({ origin: APP }))).rejects.toBe(error);
    expect(called).toBe(false);
  });
});

describe('origin functions', () => {
  it('an async origin function returns promises and decides correctly', async () => {
    const policy = cors({ origin: async (o) => o === APP, credentials: true });
    const wrapped = policy.wrap(() => new Response('x'));
    const allowed = wrapped(request({ origin: APP }));
    expect(allowed).toBeInstanceOf(Promise);
    expect(((await allowed) as Response).headers.get('access-control-allow-origin')).toBe(APP);
    const refused = (await wrapped(request({ origin: 'https://evil.io' }))) as Response;
    expect(refused.headers.has('access-control-allow-origin')).toBe(false);

    const preflight = policy.preflight(preflightRequest(APP, 'PUT'));
    expect(preflight).toBeInstanceOf(Promise);
    expect(((await preflight) as Response).status).toBe(204);
    expect(((await policy.preflight(preflightRequest('https://evil.io', 'PUT'))) as Response).status).toBe(403);

    const applied = policy.apply(request({ origin: APP }), new Response('x'));
    expect(applied).toBeInstanceOf(Promise);
    expect(((await applied) as Response).headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('receives the origin and the request', async () => {
    const calls: [string, Request][] = [];
    const policy = cors({ origin: (o, r) => (calls.push([o, r]), true) });
    const req = request({ origin: APP });
    policy.wrap(() => new Response())(req);
    expect(calls).toEqual([[APP, req]]);
  });

  it('only ever sees well-formed origins, never null', () => {
    const seen: string[] = [];
    const options = { origin: (o: string) => (seen.push(o), true) };
    const wrapped = cors(options).wrap(() => new Response());
    const wellFormed = [APP, 'http://localhost:3000', 'http://[::1]:8080', 'chrome-extension://abcdef'];
    const malformed = ['null', 'garbage', '', 'https://myapp.es/', 'HTTPS://MYAPP.ES', 'https://a b', `https://${'a'.repeat(2000)}.es`, 'https://myapp.es:0', 'https://myapp.es:65536', 'https://', '//myapp.es'];
    for (const origin of [...wellFormed, ...malformed]) wrapped(request({ origin }));
    const engine = createCorsEngine(options);
    for (const origin of ['https://myapp.es\x00', 'https://a.es\r\n']) engine.decideActual(origin, request());
    expect(seen).toEqual(wellFormed);
  });

  it('allows on true, or on the origin itself (the hono and itty-router style), and on nothing else', () => {
    const rows: { verdict: unknown; allowed: boolean }[] = [
      { verdict: true, allowed: true },
      { verdict: APP, allowed: true },
      ...[false, 1, 'true', 'https://other.es', {}, [], null, undefined].map((verdict) => ({ verdict, allowed: false })),
    ];
    for (const { verdict, allowed } of rows) {
      const policy = cors({ origin: (() => verdict) as unknown as () => boolean });
      const response = policy.apply(request({ origin: APP }), new Response()) as Response;
      expect(response.headers.has('access-control-allow-origin'), String(verdict)).toBe(allowed);
    }
  });

  it("reports a verdict that is neither a boolean nor the origin, so the migration trap is visible", () => {
    const events: CorsRefusalEvent[] = [];
    const policy = cors({ origin: (() => null) as unknown as () => boolean, onRefusal: (e) => events.push(e) });
    policy.wrap(() => new Response())(request({ origin: APP }));
    expect(events).toMatchObject([{ kind: 'actual', code: 'origin.function-result', refusal: { origin: APP, returned: 'null' } }]);
    expect(events[0]!.fix).toBe('return true to allow the origin and false to refuse it');
  });
});

describe('origin functions: what they return reaches no header raw', () => {
  it('a returned string with CR/LF is refused cleanly: 403 with a valid header, and a log line without CR/LF', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const hostile = (() => 'denied\r\nSet-Cookie: x=1') as unknown as () => boolean;
      const policy = cors({ origin: hostile, onRefusal: 'log' });
      const response = policy.preflight(preflightRequest(APP, 'PUT')) as Response;
      expect(response.status).toBe(403);
      expect(response.headers.get('portcullis-refusal')).toBe(`the origin function returned a value that cannot be shown for ${APP}, which refuses it`);
      expect(response.headers.get('set-cookie')).toBeNull();
      const line = String(warn.mock.calls[0]![0]);
      expect(line).not.toMatch(/[\r\n]/);
      expect(line).toContain('a value that cannot be shown');
    } finally {
      warn.mockRestore();
    }
  });
});

describe('origin functions in the Express (origin, callback) style', () => {
  // Not knowable at configuration time: `(origin, request) => boolean` also takes two
  // parameters. Known at the first call: the function calls back or returns nothing.
  const CALLBACK_NOTE = 'Express-style (origin, callback) function';

  function withConsoleError(run: (error: ReturnType<typeof vi.spyOn>) => void) {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      run(error);
    } finally {
      error.mockRestore();
    }
  }

  it('calling back at once refuses the origin and says so once, never a bare TypeError out of the handler', () => {
    withConsoleError((error) => {
      const origin = ((o: string, callback: (e: Error | null, allow: boolean) => void) => callback(null, true)) as unknown as () => boolean;
      const handler = cors({ origin }).wrap(() => new Response('x'));
      for (let i = 0; i < 3; i++) {
        const response = handler(request({ origin: APP })) as Response;
        expect(response.status).toBe(200);
        expect(response.headers.get('access-control-allow-origin')).toBeNull();
      }
      expect(error).toHaveBeenCalledTimes(1);
      expect(String(error.mock.calls[0]![0])).toContain(CALLBACK_NOTE);
      expect(String(error.mock.calls[0]![0])).toContain('origin: async (origin) => (await loadOrigins()).includes(origin)');
    });
  });

  it('calling back later (returning undefined) refuses the origin and says so once', () => {
    withConsoleError((error) => {
      const origin = ((o: string, callback: unknown) => void [o, callback]) as unknown as () => boolean;
      const policy = cors({ origin });
      for (let i = 0; i < 3; i++) expect((policy.preflight(preflightRequest(APP, 'PUT')) as Response).status).toBe(403);
      expect(error).toHaveBeenCalledTimes(1);
      expect(String(error.mock.calls[0]![0])).toContain(CALLBACK_NOTE);
    });
  });

  it('a one-parameter function that returns nothing is told to return a verdict, once', () => {
    withConsoleError((error) => {
      const policy = cors({ origin: ((o: string) => void o) as unknown as () => boolean });
      policy.preflight(preflightRequest(APP, 'PUT'));
      policy.preflight(preflightRequest(APP, 'PUT'));
      expect(error).toHaveBeenCalledTimes(1);
      expect(String(error.mock.calls[0]![0])).toBe('portcullis: origin: the origin function returned undefined, which refuses every origin; fix: return true to allow the origin and false to refuse it');
    });
  });

  it("any other error of an origin function is the application's: it propagates unchanged", () => {
    const failure = new TypeError('db.query is not a function');
    const oneParameter = cors({ origin: (() => { throw failure; }) as () => boolean });
    expect(() => oneParameter.preflight(preflightRequest(APP, 'PUT'))).toThrow(failure);
    const otherError = new Error('database down');
    const twoParameters = cors({ origin: (o: string, r: Request): boolean => { throw Object.assign(otherError, { seen: [o, r] }); } });
    expect(() => twoParameters.preflight(preflightRequest(APP, 'PUT'))).toThrow(otherError);
  });

  it('a two-parameter function that uses the request as documented works', () => {
    const policy = cors({ origin: (o, r) => o === APP && r.method === 'OPTIONS' });
    expect((policy.preflight(preflightRequest(APP, 'PUT')) as Response).status).toBe(204);
  });
});

describe('preflight() and apply()', () => {
  const policy = cors({ origin: APP, credentials: true, exposeHeaders: ['x-id'] });

  it.each([
    { name: 'GET', req: request({ origin: APP }) },
    { name: 'OPTIONS without ACRM', req: request({ method: 'OPTIONS', origin: APP }) },
    { name: 'OPTIONS without Origin', req: request({ method: 'OPTIONS', acrm: 'PUT' }) },
  ])('preflight() is undefined for a non-preflight: $name', ({ req }) => {
    expect(policy.preflight(req)).toBeUndefined();
  });

  it('apply() treats even a preflight-shaped request as actual (it runs after a handler)', () => {
    const response = policy.apply(preflightRequest(APP, 'PUT'), new Response('x')) as Response;
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-expose-headers')).toBe('x-id');
    expect(response.headers.has('access-control-allow-methods')).toBe(false);
  });

  it('the policy can be used from many requests at once without shared state', async () => {
    const origins = Array.from({ length: 50 }, (_, i) => (i % 2 ? APP : `https://evil${i}.io`));
    const asyncPolicy = cors({ origin: async (o) => (await new Promise((r) => setTimeout(r, Math.random() * 3)), o === APP) });
    const wrapped = asyncPolicy.wrap(async () => new Response('x'));
    const responses = (await Promise.all(origins.map((origin) => wrapped(request({ origin }))))) as Response[];
    responses.forEach((response, i) => {
      expect(response.headers.get('access-control-allow-origin')).toBe(i % 2 ? APP : null);
    });
  });
});

describe('withRouteMethods', () => {
  it('advertises the route methods when allowMethods was not set', () => {
    const routed = cors({ origin: APP }).withRouteMethods(['get', 'put', 'PURGE', 'TRACE', 'put', 'bad method']);
    const response = routed.preflight(preflightRequest(APP, 'PURGE')) as Response;
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, PUT, PURGE');
    expect((routed.preflight(preflightRequest(APP, 'DELETE')) as Response).headers.get('portcullis-refusal')).toBe(
      "method 'DELETE' is not allowed (allowed: GET, PUT, PURGE)",
    );
  });

  it('is memoised: the same methods give the same policy', () => {
    const policy = cors({ origin: APP });
    expect(policy.withRouteMethods(['PUT', 'GET'])).toBe(policy.withRouteMethods(new Set(['put', 'GET'])));
    expect(policy.withRouteMethods(['PUT'])).not.toBe(policy.withRouteMethods(['DELETE']));
  });

  it('keeps an explicit allowMethods, returning the same policy', () => {
    const policy = cors({ origin: APP, allowMethods: ['DELETE'] });
    expect(policy.withRouteMethods(['GET', 'PUT'])).toBe(policy);
    const response = policy.withRouteMethods(['PUT']).preflight(preflightRequest(APP, 'DELETE')) as Response;
    expect(response.headers.get('access-control-allow-methods')).toBe('DELETE');
  });

  it('still works when detached from its policy object', () => {
    const policy = cors({ origin: APP, allowMethods: ['DELETE'] });
    const { withRouteMethods } = policy;
    expect(withRouteMethods(['GET'])).toBe(policy);
  });

  it('shares the origin check', () => {
    const routed = cors({ origin: async (o) => o === APP }).withRouteMethods(['PUT']);
    return Promise.all([
      expect(Promise.resolve(routed.preflight(preflightRequest(APP, 'PUT')))).resolves.toHaveProperty('status', 204),
      expect(Promise.resolve(routed.preflight(preflightRequest('https://evil.io', 'PUT')))).resolves.toHaveProperty('status', 403),
    ]);
  });
});
