// @portcullis/node on plain node:http: withCors wraps the request listener. Preflights and
// other sites' writes are answered without it; every other request reaches it with the CORS
// headers already set, kept until the head is written. No Request or Response is built, and
// bodies stream as Node streams them. Express, Connect and Koa: see packages/node.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { withCors } from '@portcullis/node';

function app(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === '/api/items') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ items: [{ id: 1, name: 'portcullis' }] }));
  } else if (req.url === '/api/echo' && req.method === 'POST') {
    // Streams the request body back as it arrives.
    req.pipe(res);
  } else {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  }
}

export const server = createServer(
  withCors(app, {
    origin: ['https://myapp.es', 'https://*.myapp.es'],
    allowHeaders: ['content-type', 'authorization'],
    credentials: true,
  }),
);
// server.listen(8787, '127.0.0.1');
