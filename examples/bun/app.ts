import type { BunRequest } from 'bun';
import { withCors } from '@portcullis/bun';

interface Item {
  id: string;
  name: string;
}

const items = new Map<string, Item>([['1', { id: '1', name: 'portcullis' }]]);

function getItem(req: BunRequest<'/api/items/:id'>): Response {
  const item = items.get(req.params.id);
  return item ? Response.json(item) : Response.json({ error: 'no such item' }, { status: 404 });
}

async function putItem(req: BunRequest<'/api/items/:id'>): Promise<Response> {
  const { name } = (await req.json()) as { name: string };
  const item = { id: req.params.id, name };
  items.set(item.id, item);
  return Response.json(item, { headers: { 'x-item-count': String(items.size) } });
}

export const app = withCors(
  {
    hostname: '127.0.0.1',
    port: Number(process.env.PORT ?? 3001),
    routes: {
      '/health': new Response('ok'),
      '/api/items/:id': { GET: getItem, PUT: putItem },
      '/api/echo/:word': (req) => Response.json(req.params),
      '/api/whoami': (req, server) => Response.json({ ip: server.requestIP(req)?.address }),
    },
    fetch(req, server) {
      if (new URL(req.url).pathname === '/chat' && server.upgrade(req)) return; // WebSocket
      return new Response('not found', { status: 404 });
    },
    websocket: {
      message(ws, message) {
        ws.send(`echo: ${message}`);
      },
    },
    error(error) {
      return Response.json({ error: error.message }, { status: 500 });
    },
  },
  {
    origin: ['https://myapp.es', 'http://localhost:*'],
    allowHeaders: ['content-type', 'authorization'],
    exposeHeaders: ['x-item-count'],
    credentials: true,
  },
);
