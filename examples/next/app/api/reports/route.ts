import { withCors } from '@portcullis/next';
import { allowedOrigins } from '../../../lib/allowed-origins';

export const { GET, POST, OPTIONS } = withCors(
  {
    GET: () => Response.json({ reports: [] }),
    POST: async (request: Request) => Response.json({ created: await request.json() }, { status: 201 }),
    // Runs for OPTIONS requests that are not preflights: the route describes itself.
    OPTIONS: () => Response.json({ methods: ['GET', 'POST'], formats: ['json'] }),
  },
  { origin: allowedOrigins, allowHeaders: ['content-type', 'authorization'] },
);
