// A mistake on purpose: withCors in a route that proxy.ts's corsProxy covers too (its matcher
// is /public/:path*). Its policy is stricter than the proxy's; the route refuses to serve.
import { withCors } from '@portcullis/next';

export const { GET, OPTIONS } = withCors(
  { GET: () => Response.json({ secret: 42 }) },
  { origin: 'https://admin.myapp.es', credentials: true },
);
