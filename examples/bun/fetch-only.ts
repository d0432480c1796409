import { withCors } from '@portcullis/bun';

// `bun fetch-only.ts` serves the default export.
export default {
  hostname: '127.0.0.1',
  port: Number(process.env.PORT ?? 3002),
  fetch: withCors(
    (req, server) => Response.json({ path: new URL(req.url).pathname, ip: server.requestIP(req)?.address }),
    { origin: 'https://myapp.es' },
  ),
};
