// @portcullis/core as Hono middleware, for CORS on some routes only: preflights (and refused
// cross-origin writes) are answered before routing, and every response under /api/* (404s
// included) gets the CORS headers. Middleware works on Hono's context, not on a Response, so
// this is a small adapter: the engine decides, and core's decisionApplier writes the decision
// onto the headers Hono gathers for the response. What earlier middleware set there (here
// requestId's X-Request-Id) stays, on the answers to preflights and refused writes too.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import { createCorsEngine, decisionApplier } from '@portcullis/core/adapter';

const engine = createCorsEngine({
  origin: ['https://myapp.es', 'https://*.myapp.es'],
  allowHeaders: ['content-type', 'authorization'],
  credentials: true,
});

// c.header() is how Hono's own middleware writes headers: after the handler, it first copies a
// response whose headers are immutable (a fetch() result, a Response.redirect()).
const applyDecision = decisionApplier<Context>({
  get: (c, name) => c.res.headers.get(name),
  set: (c, name, value) => c.header(name, value),
  remove: (c, name) => c.header(name, undefined),
  names: (c) => c.res.headers.keys(),
});

export const withCors: MiddlewareHandler = async (c, next) => {
  const decision = await engine.decide(c.req.raw);
  if (decision.kind === 'preflight' || decision.kind === 'write') {
    applyDecision(c, decision);
    return new Response(null, { status: decision.status, headers: c.res.headers });
  }
  await next();
  applyDecision(c, decision);
};

export const app = new Hono();
app.use(requestId());
app.use('/api/*', withCors);
app.get('/api/items', (c) => c.json({ items: [{ id: 1, name: 'portcullis' }] }));
app.post('/api/items', async (c) => c.json({ created: await c.req.json() }, 201));
app.get('/api/items/latest', (c) => Response.redirect(new URL('/api/items/1', c.req.url).href, 302));
app.get('/health', (c) => c.text('ok')); // not under /api: no CORS

export default app;
