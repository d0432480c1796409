// Fastify 5: bare, with @portcullis/fastify, or with @fastify/cors.
// The bare server answers OPTIONS with the same handler, so preflight traffic has a baseline.

import Fastify from 'fastify';
import { POLICY, URL_PATH } from '../../scenarios.mjs';
import { announce, pending } from './announce.mjs';

const variant = process.argv[2] ?? 'bare';

/** @portcullis/fastify, imported before the application is created, as an application's imports are. */
async function importPortcullis() {
  try {
    const plugin = (await import('@portcullis/fastify')).default;
    if (typeof plugin !== 'function') throw new Error('@portcullis/fastify has no default export yet');
    return plugin;
  } catch (error) {
    pending(error.message);
  }
}

const plugin = variant === 'portcullis' ? await importPortcullis() : undefined;
const app = Fastify({ logger: false });
const handler = (_request, reply) => reply.type('text/plain').send('ok');

if (variant === 'portcullis') {
  // Not awaited, before the routes: as most applications register plugins.
  app.register(plugin, {
    origin: POLICY.origins,
    allowMethods: POLICY.methods,
    allowHeaders: POLICY.allowHeaders,
    credentials: POLICY.credentials,
    maxAge: POLICY.maxAge,
  });
} else if (variant === 'fastify-cors') {
  const fastifyCors = (await import('@fastify/cors')).default;
  await app.register(fastifyCors, {
    origin: POLICY.origins,
    methods: POLICY.methods,
    allowedHeaders: POLICY.allowHeaders,
    credentials: POLICY.credentials,
    maxAge: POLICY.maxAge,
  });
}

// Every method the policy allows has a route, as in a real API: @portcullis/fastify answers a
// preflight for a method no route serves with a refusal, which is not what this times.
app.route({ method: POLICY.methods, url: URL_PATH, handler });
if (variant === 'bare') app.options(URL_PATH, handler);
await app.listen({ host: '127.0.0.1', port: 0 });
announce(app.server.address().port, () => app.close());
