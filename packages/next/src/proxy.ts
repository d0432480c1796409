// The app-wide variant, for `proxy.ts` (Next 16) or `middleware.ts` (Next 15): the proxy runs
// before routing, so it answers preflights for every matched path -- pages, route handlers,
// rewrites and 404s alike -- and attaches CORS headers to `NextResponse.next()`, which Next
// copies onto whatever the route then sends.

import type { CorsOptions, CorsPolicy, MaybePromise } from '@portcullis/core';
import { isCorsPolicy, settle } from '@portcullis/core/adapter';
// With the extension: `next` has no exports map, so Node's ESM resolver needs the file name.
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server.js';
import { cors } from './next-policy.js';
import { passOn } from './passed-on.js';

/** What a proxy (middleware) function may return; nothing means "continue to the route". */
type ProxyResult = Response | null | undefined | void;

/** A Next.js proxy (middleware) function. */
export type Proxy = (request: NextRequest, event: NextFetchEvent) => MaybePromise<ProxyResult>;

/** What `corsProxy` returns: a proxy that always answers with a Response. */
export type CorsProxy = (request: NextRequest, event: NextFetchEvent) => MaybePromise<Response>;

/**
 * A proxy that handles CORS for every path its `config.matcher` covers:
 *
 * ```ts
 * // proxy.ts
 * export const proxy = corsProxy({ origin: 'https://myapp.es' });
 * export const config = { matcher: '/api/:path*' };
 * ```
 *
 * `options` are the core options, or a policy made by `cors()` or `corsByRequest()`.
 * Preflights and refused cross-origin writes (`protectWrites`) are answered here and never
 * reach `proxy`: preflights carry no credentials, so an authentication check in `proxy` would
 * refuse them, and a refused write must not reach application code, whose side effects (a
 * session refresh, a counter, a rewrite to a handler) are what write protection prevents.
 * Everything else goes through `proxy`, if given, and whatever it returns
 * (`NextResponse.next()` when it returns nothing, a rewrite, a redirect, a 401) gets the CORS
 * and Vary headers. What Next passes on to a route or page (`NextResponse.next()`, a rewrite)
 * and the proxy let an origin read also gets `Cache-Control: no-store`: Next replaces the
 * proxy's `Vary` on pages, so only an uncached answer is safe. A route that uses `withCors`
 * behind this proxy answers 500 and says why: use one or the other for a path. Throws
 * CorsConfigError when the options are wrong.
 */
export function corsProxy(options: CorsOptions<NextRequest> | CorsPolicy<boolean, NextRequest>, proxy?: Proxy): CorsProxy {
  const policy: CorsPolicy<boolean, NextRequest> = isCorsPolicy(options) ? options : cors(options);

  function decorate(request: NextRequest, result: ProxyResult): MaybePromise<Response> {
    const decorated = policy.apply(request, result ?? NextResponse.next()) as MaybePromise<Response>;
    return settle(decorated, (response) => passOn(request, response));
  }

  function afterIntercept(request: NextRequest, event: NextFetchEvent, answer: Response | undefined): MaybePromise<Response> {
    if (answer !== undefined) return answer;
    return settle(proxy === undefined ? undefined : proxy(request, event), (result) => decorate(request, result));
  }

  return function corsProxyHandler(request, event) {
    // A preflight's answer, or a refused write's; `apply` reuses what this decided.
    return settle(policy.intercept(request), (answer) => afterIntercept(request, event, answer));
  };
}
