// Type checks, compiled by `pnpm typecheck` (tsc): each @ts-expect-error fails the typecheck
// if the mistake under it compiles. Never called: the mistakes would also throw at run time.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import connect from 'connect';
import express, { type Request as ExpressRequest } from 'express';
import Koa from 'koa';
import { expectTypeOf, test } from 'vitest';
import { cors, corsByRequest, withCors, type CorsMiddleware, type CorsRefusalEvent } from '../src/index.js';
import { cors as koaCors, corsByRequest as koaCorsByRequest, type KoaCorsMiddleware } from '../src/koa.js';

function mistakes(app: express.Express, koa: Koa): void {
  // (`app.use(cors)` compiles: Express's types take a one-parameter function for an error
  // handler `(err: any, ...)`; at run time it fails on every request, see misuse.test.ts.)
  // @ts-expect-error -- the origin is required
  app.use(cors({ credentials: true }));
  // @ts-expect-error -- origin: true is the cors package's reflection, which core refuses
  app.use(cors({ origin: true }));
  // @ts-expect-error -- maxAge is a number of seconds
  app.use(cors({ origin: '*', maxAge: '600' }));
  // @ts-expect-error -- Koa's middleware is not Express middleware
  app.use(koaCors({ origin: '*' }));
  // @ts-expect-error -- Express's middleware is not Koa middleware
  koa.use(cors({ origin: '*' }));
  // @ts-expect-error -- corsByRequest chooses middleware, not options
  app.use(corsByRequest(() => ({ origin: '*' })));
  // @ts-expect-error -- the listener comes first
  createServer(withCors({ origin: '*' }, (_req: IncomingMessage, res: ServerResponse) => void res.end()));
}
void mistakes;

test('Express: the origin function and onRefusal get the request type they declare', () => {
  const app = express();
  const middleware = cors({
    origin: (origin, req: ExpressRequest) => req.originalUrl.startsWith('/api') && origin.endsWith('.myapp.es'),
    onRefusal: (event) => expectTypeOf(event.request).toEqualTypeOf<ExpressRequest>(),
  });
  expectTypeOf(middleware).toEqualTypeOf<CorsMiddleware<ExpressRequest>>();
  app.use(middleware);
  app.use('/admin', cors({ origin: 'https://admin.myapp.es', credentials: true }));
  app.get('/public', cors({ origin: '*' }), (_req, res) => void res.send('ok'));
  const admin = cors({ origin: 'https://admin.myapp.es' });
  app.use(corsByRequest((req: ExpressRequest) => (req.originalUrl.startsWith('/admin') ? admin : undefined)));
});

test("Connect: its own request type, from the context; node:http: an IncomingMessage", () => {
  connect().use(cors({ origin: (_origin, req) => (expectTypeOf(req).toEqualTypeOf<connect.IncomingMessage>(), true) }));
  const listener = withCors((req, res) => {
    expectTypeOf(req).toEqualTypeOf<IncomingMessage>();
    res.end('ok');
  }, { origin: 'https://myapp.es' });
  createServer(listener);
  createServer(withCors((_req, res) => void res.end(), cors({ origin: '*' })));
  const event = {} as CorsRefusalEvent<IncomingMessage>;
  expectTypeOf(event.request).toEqualTypeOf<IncomingMessage>();
});

test('http2: the compatibility request and response', () => {
  const listener = withCors(
    (req: Http2ServerRequest, res: Http2ServerResponse) => void res.end(req.authority),
    { origin: (_origin, req) => (expectTypeOf(req).toEqualTypeOf<Http2ServerRequest>(), true) },
  );
  createSecureServer({}, listener);
});

test("Koa: the context, Koa's own type when the function says so", () => {
  const koa = new Koa();
  const middleware = koaCors({ origin: (_origin, ctx: Koa.Context) => ctx.state.user !== undefined });
  expectTypeOf(middleware).toEqualTypeOf<KoaCorsMiddleware<Koa.Context>>();
  koa.use(middleware);
  koa.use(koaCors({ origin: 'https://myapp.es' }));
  const open = koaCors({ origin: '*' });
  koa.use(koaCorsByRequest((ctx) => (ctx.path.startsWith('/public') ? open : undefined)));
});
