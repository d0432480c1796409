import { withCors } from '@portcullis/next';
import { allowedOrigins } from '../../../lib/allowed-origins';

// Kept in memory for the example: what POST adds, GET lists.
const reports: unknown[] = [];

export const { GET, POST, OPTIONS } = withCors(
  {
    GET: () => Response.json({ reports }),
    POST: async (request: Request) => {
      const report: unknown = await request.json();
      reports.push(report);
      return Response.json({ created: report }, { status: 201 });
    },
    // Runs for OPTIONS requests that are not preflights: the route describes itself.
    OPTIONS: () => Response.json({ methods: ['GET', 'POST'], formats: ['json'] }),
  },
  {
    origin: allowedOrigins,
    allowHeaders: ['content-type', 'authorization'],
    // A form on any site can POST here without a preflight: refuse it before it is stored.
    protectWrites: true,
    onRefusal: 'log',
  },
);
