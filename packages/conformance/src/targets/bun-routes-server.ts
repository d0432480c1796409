// Runs under real Bun: the `bun-routes` column. Each scenario is written the way Bun apps
// declare endpoints: every resource it touches is its own `routes` entry, a per-method object
// (`{ GET, PUT, ... }`) with exactly the methods the scenario uses, or a static `Response` when
// the application's answer is fixed. @portcullis/bun's `withCors(serveOptions, policy)` wraps
// each scenario's routes, so what is judged is the adapter's per-method tables (their own
// preflight answers, methods advertised from the table unless `allowMethods` is set) and its
// static-Response handling, not a single wrapped handler. Prints `listening <url>` once ready.

import { readFileSync } from 'node:fs';
import { withCors } from '@portcullis/bun';
import { createApp } from '../app.ts';
import { endpointsOf } from '../scenario-endpoints.ts';
import { originsFromEnv, ORIGINS_ENV } from '../scenario-router.ts';
import { scenarios } from '../scenarios.ts';

const origins = originsFromEnv(process.env[ORIGINS_ENV]);
const app = createApp({ font: readFileSync(process.env.CONFORMANCE_FONT_PATH!) });
const handler = (request: Request) => app(request);

/** The application's fixed answer for a resource, asked once: Bun serves a copy per request. */
async function fixedResponse(resource: string): Promise<Response> {
  return app(new Request(`http://fixed.invalid/s/fixed/r/fixed/${resource}`));
}

const routes: Record<string, unknown> = {};
for (const scenario of scenarios) {
  const own: Record<string, unknown> = {};
  for (const endpoint of endpointsOf(scenario)) {
    const path = `/s/${scenario.name}/r/:run/${endpoint.resource}`;
    own[path] = endpoint.fixed
      ? await fixedResponse(endpoint.resource)
      : Object.fromEntries(endpoint.methods.map((method) => [method, handler]));
  }
  Object.assign(routes, withCors({ routes: own }, scenario.policy(origins)).routes);
}

const server = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  routes,
  fetch: () => new Response('no such scenario', { status: 404 }),
});
console.log(`listening ${server.url.origin}`);
