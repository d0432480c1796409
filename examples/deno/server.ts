// `Deno.serve` with CORS: `deno run --allow-net=127.0.0.1 server.ts`, then call it from https://myapp.es.
import { withCors } from '@portcullis/deno';

export const handler = withCors(
  (request: Request, info: Deno.ServeHandlerInfo<Deno.NetAddr>) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/api/hello') {
      return Response.json({ hello: 'world', from: info.remoteAddr.hostname }, { headers: { 'x-request-id': crypto.randomUUID() } });
    }
    if (pathname === '/ws') {
      // The 101 response goes back untouched: WebSockets are not subject to CORS.
      const { socket, response } = Deno.upgradeWebSocket(request);
      socket.onmessage = (event) => socket.send(`echo: ${event.data}`);
      return response;
    }
    // Errors and 404s carry CORS headers too, so the browser shows the real status.
    return new Response('Not found\n', { status: 404 });
  },
  {
    origin: 'https://myapp.es',
    credentials: true,
    allowHeaders: ['content-type', 'authorization'],
    exposeHeaders: ['x-request-id'],
  },
);

// Loopback only, like every server in this repository: nothing outside this machine reaches it.
if (import.meta.main) Deno.serve({ hostname: '127.0.0.1', port: 8000 }, handler);
