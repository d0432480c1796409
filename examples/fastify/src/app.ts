import Fastify from 'fastify';
import portcullis from '@portcullis/fastify';

export function buildApp() {
  const app = Fastify();

  // Anywhere, awaited or not, before or after the routes: it governs this scope's routes.
  app.register(portcullis, {
    origin: ['https://myapp.es', 'https://*.myapp.es'],
    credentials: true,
    allowHeaders: ['content-type', 'authorization'],
    exposeHeaders: ['x-request-id'],
  });

  // Preflights for DELETE /sessions/:id are answered without an OPTIONS route.
  // With credentials, writes from other sites are refused before any handler runs.
  app.get('/me', async (_request, reply) => {
    reply.header('x-request-id', 'r-1').header('vary', 'Cookie');
    return { user: 'ada' };
  });
  app.delete('/sessions/:id', async () => ({ deleted: true }));

  // Readable by any site, without cookies.
  app.get('/status', { config: { cors: { origin: '*', credentials: false } } }, async () => ({ up: true }));

  // No cross-origin access: other sites can neither read it, preflight it, nor post to it.
  app.post('/internal/reindex', { config: { cors: false } }, async () => ({ queued: true }));

  // A partner API with its own policy: its routes' preflights and responses use it.
  app.register(
    async (partners) => {
      partners.register(portcullis, { origin: 'https://partner.example', allowHeaders: ['content-type', 'x-api-key'] });
      partners.put('/orders/:id', async () => ({ updated: true }));
    },
    { prefix: '/partners' },
  );

  return app;
}
