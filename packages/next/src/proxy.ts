// The app-wide variant, for `proxy.ts` (Next 16) or `middleware.ts` (Next 15): the proxy runs
// before routing, so it answers preflights for every matched path -- pages, route handlers,
// rewrites and 404s alike -- and attaches CORS headers to `NextResponse.next()`, which Next
// copies onto whatever the route then sends.

import { cors, type CorsOptions, type CorsPolicy, type MaybePromise, type SyncCorsOptions } from '@portcullis/core';
import { isThenable } from '@portcullis/core/adapter';
// With the extension: `next` has no exports map, so Node's ESM resolver needs the file name.
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server.js';

/** What a proxy (middleware) function may return; nothing means "continue to the route". */
export type ProxyResult = Response | null | undefined | void;

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
 * Preflights are answered here and never reach `proxy` (preflights carry no credentials, so an
 * authentication check in `proxy` would refuse them). Everything else goes through `proxy`, if
 * given, and whatever it returns (`NextResponse.next()` when it returns nothing, a rewrite, a
 * redirect, a 401) gets the CORS and Vary headers. Throws CorsConfigError when the options are
 * wrong.
 */
export function corsProxy(options: SyncCorsOptions<NextRequest> | CorsOptions<NextRequest>, proxy?: Proxy): CorsProxy {
  const policy: CorsPolicy<boolean, NextRequest> = cors<NextRequest>(options);

  function decorate(request: NextRequest, result: ProxyResult): MaybePromise<Response> {
    return policy.apply(request, result ?? NextResponse.next()) as MaybePromise<Response>;
  }

  function afterPreflight(request: NextRequest, event: NextFetchEvent, preflight: Response | undefined) {
    if (preflight !== undefined) return preflight;
    const result = proxy === undefined ? undefined : proxy(request, event);
    if (isThenable<ProxyResult>(result)) return Promise.resolve(result).then((r) => decorate(request, r));
    return decorate(request, result);
  }

  return function corsProxyHandler(request, event) {
    const preflight = policy.preflight(request);
    if (isThenable<Response | undefined>(preflight)) {
      return Promise.resolve(preflight).then((p) => afterPreflight(request, event, p));
    }
    return afterPreflight(request, event, preflight);
  };
}
