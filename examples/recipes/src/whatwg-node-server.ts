// @portcullis/core on node:http through @whatwg-node/server, which does the Node-to-Fetch
// bridging (and runs the same handler on Bun, Deno, and inside Express or Fastify).
import { createServer } from 'node:http';
import { createServerAdapter } from '@whatwg-node/server';
import { cors } from '@portcullis/core';

const policy = cors({
  origin: ['https://myapp.es', 'https://*.myapp.es'],
  allowHeaders: ['content-type', 'authorization'],
  credentials: true,
});

async function app(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname === '/api/items') return Response.json({ items: [{ id: 1, name: 'portcullis' }] });
  return Response.json({ error: 'not found' }, { status: 404 });
}

export const server = createServer(createServerAdapter(policy.wrap(app)));
// server.listen(8787, '127.0.0.1');
