import { cors, corsByRequest, withCors } from '@portcullis/bun';

// The admin API takes cookies from the admin site only, and logs what it refuses; the rest is
// public, readable by any site without cookies. Both are validated here, once.
const admin = cors({ origin: 'https://admin.myapp.es', credentials: true, onRefusal: 'log' });
const open = cors({ origin: '*' });

// `bun policies.ts` serves the default export.
export default withCors(
  {
    hostname: '127.0.0.1',
    port: Number(process.env.PORT ?? 3003),
    routes: {
      '/admin/users/:id': {
        GET: (req) => Response.json({ id: req.params.id }),
        DELETE: (req) => Response.json({ deleted: req.params.id }),
      },
      '/status': new Response('up'),
    },
    fetch: () => new Response('not found', { status: 404 }),
  },
  corsByRequest((req: Request) => (new URL(req.url).pathname.startsWith('/admin/') ? admin : open)),
);
