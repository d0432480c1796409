// Compile-time checks, run by `pnpm typecheck`: withCors keeps Bun's route and handler types.

import type { Serve, Server } from 'bun';
import { cors as corsPolicy, corsByRequest, withCors, type CorsRefusalEvent } from '../src/index.ts';

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

// A policy in place of the options keeps the handler synchronous when it is...
const shared = corsPolicy({ origin: 'https://myapp.es', credentials: true });
export const fromPolicy: (req: Request, server: Server<undefined>) => Response = withCors(
  (req: Request, server: Server<undefined>) => new Response(String(server.requestIP(req)?.port)),
  shared,
);
// ...and says when it may not be.
// @ts-expect-error: an async origin check may answer with a promise
export const fromAsyncPolicy: (req: Request, server: Server<undefined>) => Response = withCors(
  (_req: Request, _server: Server<undefined>) => new Response('x'),
  corsPolicy({ origin: async () => true }),
);

// Serve options take a policy too, chosen per request, and keep their route types.
export const chosen: Serve.Options<undefined, '/admin/:id'> = withCors(
  {
    routes: {
      '/admin/:id': {
        DELETE: (req) => new Response(req.params.id),
      },
    },
    fetch: () => new Response('not found', { status: 404 }),
  },
  corsByRequest((req: Request) => (new URL(req.url).pathname.startsWith('/admin/') ? shared : undefined)),
);

// onRefusal's event is typed, its request a Request.
withCors(
  { fetch: () => new Response('x') },
  { origin: 'https://myapp.es', onRefusal: (event: CorsRefusalEvent) => void new URL(event.request.url) },
);
