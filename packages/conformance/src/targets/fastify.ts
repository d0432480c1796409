// @portcullis/fastify on a real Fastify 5 `listen()`: the plugin registered once, without
// `await` and before the routes, as most Fastify applications write it; each scenario a route
// `/s/<name>/*` whose `config.cors` is the scenario's policy. The route's
// handler turns Fastify's request into a Fetch Request for the shared application and sends
// its Response back with `reply.send(response)`.

import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { RouteCorsOptions } from '@portcullis/fastify';
import Fastify, { type FastifyRequest } from 'fastify';
import { createApp } from '../app.ts';
import { fetchHeaders } from './node-bridge.ts';
import { policies } from '../scenario-router.ts';
import { packageUnavailable } from './package-status.ts';
import type { Target } from './target.ts';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
function toFetchRequest(request: FastifyRequest): Request {
  const headers = fetchHeaders(request.raw.rawHeaders);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && typeof request.body === 'string';
  return new Request(`http://${request.headers.host}${request.url}`, {
    method: request.method,
    headers,
    ...(hasBody ? { body: request.body as string } : {}),
  });
}

export const fastifyTarget: Target = {
  name: 'fastify',
  description: '@portcullis/fastify plugin on Fastify 5 (route config.cors per scenario)',
  unavailable: () => packageUnavailable('@portcullis/fastify'),
  async start({ origins, fontPath }) {
    const { default: portcullis } = await import('@portcullis/fastify');
    const app = createApp({ font: readFileSync(fontPath) });
    const fastify = Fastify();
    // Bodies reach the application as text, whatever their type, as a Fetch handler sees them.
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    // The plugin's own options only serve URLs outside /s/; every scenario route overrides them.
    void fastify.register(portcullis, { origin: 'https://unused.example' });
    for (const [name, options] of policies(origins)) {
      fastify.route({
        method: METHODS,
        url: `/s/${name}/*`,
        exposeHeadRoute: false,
        // The scenarios' options are core options; none of them sets an onRefusal listener,
        // whose event type is the one thing Fastify's route options type differently.
        config: { cors: options as RouteCorsOptions },
        handler: async (request, reply) => reply.send(await app(toFetchRequest(request))),
      });
    }
    await fastify.listen({ host: '127.0.0.1', port: 0 });
    return {
      port: (fastify.server.address() as AddressInfo).port,
      output: () => '(in-process server)',
      stop: () => fastify.close(),
    };
  },
};
