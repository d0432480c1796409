// @portcullis/core around an H3 (v2) app: app.fetch is a Fetch handler (already bound), so
// wrap it and serve the result with srvx, Bun, Deno or Workers.
import { H3 } from 'h3';
import { cors } from '@portcullis/core';

const policy = cors({
  origin: ['https://myapp.es', 'https://*.myapp.es'],
  allowHeaders: ['content-type', 'authorization'],
  credentials: true,
});

const app = new H3()
  .get('/api/items', () => ({ items: [{ id: 1, name: 'portcullis' }] }))
  .post('/api/items', async (event) => ({ created: await event.req.json() }));

export default { fetch: policy.wrap(app.fetch) };
