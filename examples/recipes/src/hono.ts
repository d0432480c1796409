// @portcullis/core around a whole Hono app: Hono's fetch is a Fetch handler, so wrap it. The
// result runs wherever Hono does (Workers, Bun, Deno; Node through @hono/node-server).
import { Hono } from 'hono';
import { cors } from '@portcullis/core';

const policy = cors({
  origin: ['https://myapp.es', 'https://*.myapp.es'],
  allowHeaders: ['content-type', 'authorization'],
  credentials: true,
});

const app = new Hono();
app.get('/api/items', (c) => c.json({ items: [{ id: 1, name: 'portcullis' }] }));
app.post('/api/items', async (c) => c.json({ created: await c.req.json() }, 201));

export default { fetch: policy.wrap(app.fetch) };
