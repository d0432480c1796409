// Type-level contract: synchronous configurations give synchronous types, async origin
// functions give promise-able ones, and wrap() keeps the handler's own parameter types.
import { describe, expectTypeOf, it } from 'vitest';
import { createCorsEngine, type ActualDecision, type PreflightDecision } from '../src/adapter.js';
import { cors, withCors, type CorsPolicy } from '../src/index.js';

type IsAny<T> = 0 extends 1 & T ? true : false;

describe('sync and async configurations', () => {
  it('a sync configuration gives sync preflight/apply/decide', () => {
    const policy = cors({ origin: ['https://myapp.es'], credentials: true });
    expectTypeOf(policy).toEqualTypeOf<CorsPolicy<true>>();
    expectTypeOf(policy.preflight).returns.toEqualTypeOf<Response | undefined>();
    expectTypeOf(policy.apply(new Request('http://x'), new Response())).toEqualTypeOf<Response>();
    expectTypeOf(policy.intercept).returns.toEqualTypeOf<Response | undefined>();
    expectTypeOf(createCorsEngine({ origin: '*' }).decideActual).returns.toEqualTypeOf<ActualDecision>();
    expectTypeOf(createCorsEngine({ origin: '*' }).decidePreflight).returns.toEqualTypeOf<PreflightDecision>();
  });

  it('a sync origin function keeps it sync', () => {
    const policy = cors({ origin: (origin: string) => origin.endsWith('.myapp.es') });
    expectTypeOf(policy.preflight).returns.toEqualTypeOf<Response | undefined>();
  });

  it('an async origin function gives promise-able results', () => {
    const policy = cors({ origin: async (origin: string) => origin === 'https://myapp.es' });
    expectTypeOf(policy.preflight).returns.toEqualTypeOf<Response | undefined | Promise<Response | undefined>>();
    expectTypeOf(policy.apply(new Request('http://x'), new Response())).toEqualTypeOf<Response | Promise<Response>>();
    expectTypeOf(createCorsEngine({ origin: async () => true }).decideActual).returns.toEqualTypeOf<ActualDecision | Promise<ActualDecision>>();
  });

  it('apply keeps undefined for upgrades', () => {
    const policy = cors({ origin: '*' });
    expectTypeOf(policy.apply(new Request('http://x'), undefined)).toEqualTypeOf<Response | undefined>();
  });
});

describe('wrap', () => {
  it("preserves the handler's parameter types", () => {
    const wrapped = cors({ origin: '*' }).wrap((req: Request, info: { x: number }) => new Response(String(info.x) + req.url));
    expectTypeOf(wrapped).parameters.toEqualTypeOf<[Request, { x: number }]>();
    expectTypeOf(wrapped).parameter(1).toEqualTypeOf<{ x: number }>();
    // @ts-expect-error the second argument is required and typed
    wrapped(new Request('http://x'));
    // @ts-expect-error x must be a number
    wrapped(new Request('http://x'), { x: '1' });
  });

  it('a sync handler under a sync policy returns a Response, an async one a Promise', () => {
    const policy = cors({ origin: 'https://myapp.es' });
    const sync = policy.wrap((_req: Request) => new Response());
    const async = policy.wrap(async (_req: Request) => new Response());
    expectTypeOf(sync).returns.toEqualTypeOf<Response>();
    expectTypeOf(async).returns.toEqualTypeOf<Response | Promise<Response>>();
    expectTypeOf(async).returns.not.toEqualTypeOf<Response>();
  });

  it('undefined results (WebSocket upgrades) stay in the type', () => {
    const wrapped = cors({ origin: '*' }).wrap((_req: Request, server: { upgrade(r: Request): boolean }) =>
      server.upgrade(_req) ? undefined : new Response('no'),
    );
    expectTypeOf(wrapped).returns.toEqualTypeOf<Response | undefined>();
  });

  it('accepts subclasses of Request as the first parameter', () => {
    class NextRequest extends Request {
      nextUrl = new URL('http://x');
    }
    const wrapped = withCors((req: NextRequest, ctx: { params: Promise<{ id: string }> }) => Response.json({ u: req.nextUrl.href, ctx }), {
      origin: 'https://myapp.es',
    });
    expectTypeOf(wrapped).parameter(0).toEqualTypeOf<NextRequest>();
    expectTypeOf(wrapped).parameter(1).toEqualTypeOf<{ params: Promise<{ id: string }> }>();
  });

  it('gives an origin function the request type of the handlers it guards', () => {
    class NextRequest extends Request {
      nextUrl = new URL('http://x');
    }
    const policy = cors<NextRequest>({ origin: (origin, req) => req.nextUrl.hostname === 'x' && origin !== 'null' });
    expectTypeOf(policy.preflight).parameter(0).toEqualTypeOf<NextRequest>();
    policy.wrap((req: NextRequest) => new Response(req.nextUrl.href));
    // A handler for any Request may be guarded, but callers must then pass a NextRequest,
    // which is what the origin function reads.
    const anyRequest = policy.wrap((req: Request) => new Response(req.url));
    expectTypeOf(anyRequest).parameter(0).toEqualTypeOf<NextRequest>();
    // withCors infers the request type from the handler for the origin function.
    withCors((req: NextRequest) => new Response(req.url), {
      origin: (_origin, req) => {
        expectTypeOf(req).toEqualTypeOf<NextRequest>();
        return true;
      },
    });
  });

  it('never degrades to any', () => {
    const policy = cors({ origin: '*' });
    const wrapped = policy.wrap((req: Request, info: { x: number }) => new Response(req.url + info.x));
    expectTypeOf<IsAny<ReturnType<typeof wrapped>>>().toEqualTypeOf<false>();
    expectTypeOf<IsAny<Parameters<typeof wrapped>[1]>>().toEqualTypeOf<false>();
    expectTypeOf<IsAny<ReturnType<typeof policy.preflight>>>().toEqualTypeOf<false>();
    expectTypeOf<IsAny<ReturnType<typeof policy.intercept>>>().toEqualTypeOf<false>();
  });
});

describe('options are typed', () => {
  it('refuses wrong option types at compile time', () => {
    // @ts-expect-error origin is required
    expectTypeOf(cors).toBeCallableWith({ credentials: true });
    // @ts-expect-error maxAge is a number
    expectTypeOf(cors).toBeCallableWith({ origin: '*', maxAge: '600' });
  });
});
