import Fastify from 'fastify';
import portcullis from '@portcullis/fastify';

export async function buildApp() {
  const app = Fastify();

  // Register first: the plugin sees the routes registered after it.
  await app.register(portcullis, {
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

  // No CORS at all: browsers on other origins can neither read it nor preflight it.
  app.post('/internal/reindex', { config: { cors: false } }, async () => ({ queued: true }));

  // A partner API with its own policy: its routes' preflights and responses use it.
  await app.register(
    async (partners) => {
      await partners.register(portcullis, { origin: 'https://partner.example', allowHeaders: ['content-type', 'x-api-key'] });
      partners.put('/orders/:id', async () => ({ updated: true }));
    },
    { prefix: '/partners' },
  );

  return app;
}
