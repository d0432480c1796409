// Compile-time checks, run by `pnpm typecheck`: withCors keeps Bun's route and handler types.

import type { Serve, Server } from 'bun';
import { withCors } from '../src/index.ts';

const cors = { origin: 'https://myapp.es' } as const;

export const options: Serve.Options<{ room: string }, '/items/:id' | '/static'> = withCors(
  {
    routes: {
      '/items/:id': {
        GET: (req) => {
          const id: string = req.params.id;
          // @ts-expect-error: the route declares no `:nope` parameter
          void req.params.nope;
          return new Response(id);
        },
      },
      '/static': new Response('ok'),
    },
    fetch(req, server) {
      if (server.upgrade(req, { data: { room: 'lobby' } })) return;
      return new Response('not found', { status: 404 });
    },
    websocket: {
      message(ws) {
        const room: string = ws.data.room;
        ws.send(room);
      },
    },
  },
  cors,
);

// A single handler keeps its parameter and result types.
export const handler: (req: Request, server: Server<undefined>) => Response = withCors(
  (req: Request, server: Server<undefined>) => new Response(String(server.requestIP(req)?.port)),
  cors,
);

// @ts-expect-error: CORS options are checked too
withCors({ fetch: () => new Response('x') }, { origin: 'https://myapp.es', maxAge: '600' });
