// packages/migration/src/recipes/hono-app.ts
import { cors } from '@portcullis/core';
import { Hono } from 'hono';

const app = new Hono();
app.get('/items/:id', (c) => c.json({ id: c.req.param('id') }));

// Instead of app.use('*', cors(...)): the whole app, its 404s included.
export default {
  fetch: cors({ origin: ['https://example.com', 'https://example.org'] }).wrap(app.fetch),
};
