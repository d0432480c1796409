// What `corsProxy` adds to a response Next passes on to a route or a page (`NextResponse.next()`
// or a rewrite), whose final headers the proxy never sees:
// - a mark on the request, which `withCors` looks for: the two on one path would give
//   contradictory answers, so a route behind the proxy refuses to serve and says why;
// - `Cache-Control: no-store` when the proxy let one origin read: Next keeps a proxy's
//   Cache-Control, but a page replaces the proxy's `Vary`, so without it a static page would
//   go out with one origin's Access-Control-Allow-Origin, `s-maxage=31536000` and no
//   `Vary: Origin`, for a shared cache to hand to everyone.

import { protocol } from '@portcullis/core/adapter';
import type { NextRequest } from 'next/server.js';

/** The request header that tells `withCors` a `corsProxy` has decided the request already. */
export const PROXY_MARK = 'x-portcullis-cors-proxy';

// What `NextResponse.next({ request: { headers } })` writes (next/server's response.js): the
// names of the request's headers from now on, and the value of each. Next deletes the request
// headers the list leaves out, so a list the proxy starts must name every header of the request.
const OVERRIDE_LIST = 'x-middleware-override-headers';
const OVERRIDE_VALUE = 'x-middleware-request-';
// How Next recognises a response that continues to a route: `NextResponse.next()`, a rewrite.
const CONTINUES = 'x-middleware-next';
const REWRITES = 'x-middleware-rewrite';

/** Marks the request the route will see, keeping the request headers the response already sets. */
function markRequest(headers: Headers, request: NextRequest): void {
  let names = headers.get(OVERRIDE_LIST);
  if (names === null) {
    const own: string[] = [];
    request.headers.forEach((value, name) => {
      own.push(name);
      headers.set(OVERRIDE_VALUE + name, value);
    });
    names = own.join(',');
  }
  headers.set(OVERRIDE_LIST, names === '' ? PROXY_MARK : `${names},${PROXY_MARK}`);
  headers.set(OVERRIDE_VALUE + PROXY_MARK, '1');
}

/** `response`, the proxy's CORS decision already applied, made ready for what Next does next. */
export function passOn(request: NextRequest, response: Response): Response {
  const headers = response.headers;
  if (!headers.has(CONTINUES) && !headers.has(REWRITES)) return response;
  markRequest(headers, request);
  const allowed = headers.get(protocol.ACAO);
  if (allowed !== null && allowed !== '*') headers.set(protocol.CACHE_CONTROL, 'no-store');
  return response;
}
