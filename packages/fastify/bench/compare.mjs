// CPU cost per request of @portcullis/fastify against @fastify/cors on the same app, through
// app.inject (no sockets: the difference is the plugins' own cost). Not a test: numbers on
// a shared machine vary; compare the two columns of one run.
// Run after `pnpm --filter @portcullis/fastify build`: node bench/compare.mjs [requests]
import fastifyCors from '@fastify/cors';
import Fastify from 'fastify';
import portcullis from '../dist/index.js';

const N = Number(process.argv[2] ?? 20000);
const ORIGIN = 'https://myapp.es';

async function build(kind) {
  const app = Fastify();
  if (kind === 'portcullis') await app.register(portcullis, { origin: [ORIGIN], credentials: true, allowMethods: ['GET', 'PUT'] });
  else if (kind === '@fastify/cors') await app.register(fastifyCors, { origin: [ORIGIN], credentials: true, methods: ['GET', 'PUT'] });
  app.get('/items/:id', async () => ({ ok: true }));
  app.put('/items/:id', async () => ({ ok: true }));
  await app.ready();
  return app;
}

const scenarios = {
  'actual GET, allowed origin': { method: 'GET', url: '/items/1', headers: { origin: ORIGIN } },
  'actual GET, no Origin': { method: 'GET', url: '/items/1', headers: {} },
  'preflight PUT': {
    method: 'OPTIONS',
    url: '/items/1',
    headers: { origin: ORIGIN, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
  },
};

async function run(app, request) {
  for (let i = 0; i < 2000; i++) await app.inject(request); // warm-up
  // CPU time, not wall time: the machine may be shared, and a busy neighbour stretches wall
  // time without changing how much work a request takes.
  const start = process.cpuUsage();
  for (let i = 0; i < N; i++) await app.inject(request);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / N;
}

const kinds = ['none', 'portcullis', '@fastify/cors'];
const apps = Object.fromEntries(await Promise.all(kinds.map(async (k) => [k, await build(k)])));
console.log(`CPU microseconds per request through app.inject, ${N} requests per cell, best of 3 rounds`);
console.log(['scenario', ...kinds].join(' | '));
for (const [name, request] of Object.entries(scenarios)) {
  const best = {};
  for (let round = 0; round < 3; round++) {
    for (const k of kinds) best[k] = Math.min(best[k] ?? Infinity, await run(apps[k], request));
  }
  console.log([name, ...kinds.map((k) => best[k].toFixed(1))].join(' | '));
}
await Promise.all(Object.values(apps).map((a) => a.close()));
