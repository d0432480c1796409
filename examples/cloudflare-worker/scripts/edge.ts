// Runs the Vercel Edge Function on the Edge runtime (edge-runtime, Vercel's own), with the
// inventory service as a second Edge server on its own origin.

import { EdgeRuntime, runServer } from 'edge-runtime';
import { bundleEdgeFunction } from './bundle.js';
import type { Running } from './workerd.js';

type EdgeRuntimeServer = Awaited<ReturnType<typeof runServer>>;

export async function startEdge(port = 0): Promise<Running> {
  const [api, inventory] = await Promise.all([
    bundleEdgeFunction('src/vercel-edge.ts'),
    bundleEdgeFunction('src/inventory.ts'),
  ]);
  const servers: EdgeRuntimeServer[] = [];
  const close = async () => {
    await Promise.all(servers.map((server) => server.close()));
  };
  try {
    const upstream = await runServer({
      runtime: new EdgeRuntime({ initialCode: inventory.code }),
      host: '127.0.0.1',
      port: 0,
    });
    servers.push(upstream);
    const runtime = new EdgeRuntime({
      initialCode: api.code,
      // Vercel gives Edge Functions their environment variables as process.env.
      extend: (context) => Object.assign(context, { process: { env: { INVENTORY_URL: upstream.url } } }),
    });
    const server = await runServer({ runtime, host: '127.0.0.1', port });
    servers.push(server);
    return { url: new URL(server.url), close };
  } catch (error) {
    await close();
    throw error;
  }
}
