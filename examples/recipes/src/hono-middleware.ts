// @portcullis/core as Hono middleware, for CORS on some routes only: preflights (and refused
// cross-origin writes) are answered before routing, and every response under /api/* (404s
// included) gets the CORS headers.
import { Hono, type MiddlewareHandler } from 'hono';
import { cors } from '@portcullis/core';

const policy = cors({
  origin: ['https://myapp.es', 'https://*.myapp.es'],
  allowHeaders: ['content-type', 'authorization'],
  credentials: true,
});

const withCors: MiddlewareHandler = async (c, next) => {
  const early = policy.intercept(c.req.raw);
  if (early !== undefined) return early;
  await next();
  const response = policy.apply(c.req.raw, c.res);
  // apply() adds the headers to c.res in place, or returns a copy when c.res's headers are
  // immutable (a fetch() result, a Response.redirect()). Assigning a new c.res makes Hono copy
  // the old one's headers over it (a proxied `Access-Control-Allow-Origin: *` would come
  // back), so the old response is dropped first.
  if (response !== c.res) {
    c.res = undefined;
    c.res = response;
  }
};

export const app = new Hono();
app.use('/api/*', withCors);
app.get('/api/items', (c) => c.json({ items: [{ id: 1, name: 'portcullis' }] }));
app.get('/api/items/latest', (c) => Response.redirect(new URL('/api/items/1', c.req.url).href, 302));
app.get('/health', (c) => c.text('ok')); // not under /api: no CORS

export default app;
