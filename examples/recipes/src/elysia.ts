// @portcullis/core around an Elysia app on Bun: `bun src/elysia.ts` serves the default export.
// (app.listen() would hand Elysia's routes to Bun directly, around the wrapper.)
import { Elysia } from 'elysia';
import { cors } from '@portcullis/core';

const policy = cors({
  origin: ['https://myapp.es', 'https://*.myapp.es'],
  allowHeaders: ['content-type', 'authorization'],
  credentials: true,
});

const app = new Elysia()
  .get('/api/items', () => ({ items: [{ id: 1, name: 'portcullis' }] }))
  .post('/api/items', ({ body, set }) => {
    set.status = 201;
    return { created: body };
  });

export default { fetch: policy.wrap(app.fetch) };
