// @portcullis/core with itty-router: preflights (and refused cross-origin writes) answered in
// `before`, headers added in `finally` (after AutoRouter has turned return values into
// Responses, 404s included).
import { AutoRouter } from 'itty-router';
import { cors } from '@portcullis/core';

const policy = cors({
  origin: ['https://myapp.es', 'https://*.myapp.es'],
  allowHeaders: ['content-type', 'authorization'],
  credentials: true,
});

const router = AutoRouter({
  before: [(request) => policy.intercept(request)],
  finally: [(response: Response, request) => policy.apply(request, response)],
});

router.get('/api/items', () => ({ items: [{ id: 1, name: 'portcullis' }] }));

export default router; // { fetch }: Workers, Bun and Deno serve it as it is
