// Every scenario under /p/<scenario>/...: the shared application as plain route handlers, with
// no CORS code at all. The app's proxy.ts (corsProxy, matcher /p/:path*) is what makes them
// CORS-aware, so this column judges the proxy path of @portcullis/next, not `withCors`.

import { readFileSync } from 'node:fs';
import { createApp } from '../../../../../src/app.ts';

export const dynamic = 'force-dynamic';

let app: ((request: Request) => Promise<Response>) | undefined;

function handler(request: Request): Promise<Response> {
  app ??= createApp({ font: readFileSync(process.env.CONFORMANCE_FONT_PATH!) });
  return app(request);
}

// OPTIONS too: a non-preflight OPTIONS is the application's (the proxy answers preflights).
export {
  handler as GET,
  handler as HEAD,
  handler as POST,
  handler as PUT,
  handler as DELETE,
  handler as PATCH,
  handler as OPTIONS,
};
