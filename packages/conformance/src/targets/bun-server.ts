// Runs under real Bun: one Bun.serve whose `routes` hold every scenario as `/s/<name>/*`, each
// made CORS-aware by @portcullis/bun's `withCors(serveOptions, policy)` (the form Bun users
// write), merged into one routes table. Prints `listening <url>` once ready.

import { readFileSync } from 'node:fs';
import { withCors } from '@portcullis/bun';
import { createApp } from '../app.ts';
import { originsFromEnv, ORIGINS_ENV, policies } from '../scenario-router.ts';

const origins = originsFromEnv(process.env[ORIGINS_ENV]);
const app = createApp({ font: readFileSync(process.env.CONFORMANCE_FONT_PATH!) });

const routes: Record<string, (request: Request) => Promise<Response>> = {};
for (const [name, options] of policies(origins)) {
  const path = `/s/${name}/*`;
  const wrapped = withCors({ routes: { [path]: (request: Request) => app(request) } }, options);
  Object.assign(routes, wrapped.routes);
}

const server = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  routes,
  fetch: () => new Response('no such scenario', { status: 404 }),
});
console.log(`listening ${server.url.origin}`);
