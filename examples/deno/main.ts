// The `deno serve` / Deno Deploy form: `deno serve --host 127.0.0.1 main.ts`, or deploy this file as it is.
import { withCors } from '@portcullis/deno';

export default withCors(
  {
    fetch(request, info) {
      const { pathname } = new URL(request.url);
      if (pathname === '/ws') {
        const { socket, response } = Deno.upgradeWebSocket(request);
        socket.onmessage = (event) => socket.send(`echo: ${event.data}`);
        return response;
      }
      return Response.json({ path: pathname, transport: info.remoteAddr.transport });
    },
  },
  { origin: ['https://myapp.es', 'https://*.myapp.es'], maxAge: 3600 },
) satisfies Deno.ServeDefaultExport;
