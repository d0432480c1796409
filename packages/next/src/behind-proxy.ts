// `withCors` in a route that a `corsProxy` covers too. The proxy answers the route's preflights
// with its own policy, and Next keeps the proxy's headers over the route's, so the two policies
// would contradict each other: an origin refused at preflight but allowed on the GET, another
// given Access-Control-Allow-Origin by a route whose policy excludes it. Next carries the
// proxy's mark on the request to the route (passed-on.ts), where no policy can be said to
// apply: the route refuses to serve, and says why once.

import { PROXY_MARK } from './passed-on.js';

type Handler = (request: Request, ...rest: never[]) => unknown;

/**
 * The guard for one route module's handlers: a request a `corsProxy` passed on gets a 500, and
 * the server's output says once what is wrong and how to fix it.
 */
export function proxyGuard(): <H extends Handler>(handler: H) => H {
  let reported = false;

  function refuse(request: Request): Response {
    if (!reported) {
      reported = true;
      const path = new URL(request.url).pathname;
      console.error(
        `portcullis: corsProxy and withCors both handle ${path}, and their policies would contradict each other ` +
          '(the proxy answers the preflights, and its headers win over the route\'s), so the route refuses every request; ' +
          `fix: keep ${path} out of the proxy's config.matcher, or take withCors out of the route`,
      );
    }
    return new Response('CORS is configured twice for this path: see the server output.\n', {
      status: 500,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }

  return <H extends Handler>(handler: H): H =>
    function guarded(this: unknown, request: Request, ...rest: never[]) {
      return request.headers.has(PROXY_MARK) ? refuse(request) : handler.call(this, request, ...rest);
    } as H;
}
