// A mistake on purpose: GET and POST are taken from withCors, its OPTIONS is not, so Next.js
// answers this route's preflights itself. The build and the server each say so once.
import { withCors } from '@portcullis/next';
import { allowedOrigins } from '../../../../lib/allowed-origins';

export const { GET, POST } = withCors(
  {
    GET: () => Response.json({ ok: true }),
    POST: async (request: Request) => Response.json(await request.json()),
  },
  { origin: allowedOrigins },
);
