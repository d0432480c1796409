// Per-request policies without per-request validation: every candidate is built (and
// validated) up front with cors(), and a function picks one for each request, as
// @fastify/cors's `delegator` and the `cors` package's options callback do, minus the risk.

import type { CorsPolicy, HandlerResult, WrappedResult } from './policy.js';
import type { MaybePromise } from './types.js';

/**
 * A policy that delegates each request to the one `choose` returns, or leaves the request
 * alone (no CORS at all) when it returns undefined:
 *
 * ```ts
 * const admin = cors({ origin: 'https://admin.myapp.es', credentials: true });
 * const open = cors({ origin: '*' });
 * const policy = corsByRequest((request) => (new URL(request.url).pathname.startsWith('/admin') ? admin : open));
 * ```
 *
 * Choose by URL, which caches key on; choosing by another request header makes the answer
 * depend on it, so the response must also carry `Vary` for that header.
 */
export function corsByRequest<Sync extends boolean, Req extends Request = Request>(
  choose: (request: Req) => CorsPolicy<Sync, Req> | undefined,
): CorsPolicy<Sync, Req> {
  if (typeof choose !== 'function') {
    throw new TypeError('corsByRequest(choose): choose must be a function (request) => policy | undefined, the policies built with cors()');
  }
  return {
    wrap<Q extends Req, A extends unknown[], R extends MaybePromise<HandlerResult>>(handler: (request: Q, ...rest: A) => R) {
      // Each chosen policy wraps the handler once, not per request.
      const wrapped = new Map<CorsPolicy<Sync, Req>, (request: Q, ...rest: A) => WrappedResult<R, Sync>>();
      return function chosenHandler(this: unknown, request: Q, ...rest: A) {
        const policy = choose(request);
        if (policy === undefined) return handler.call(this, request, ...rest);
        let handle = wrapped.get(policy);
        if (handle === undefined) {
          handle = policy.wrap(handler);
          wrapped.set(policy, handle);
        }
        return handle.call(this, request, ...rest);
      } as (request: Q, ...rest: A) => WrappedResult<R, Sync>;
    },
    intercept: (request) => choose(request)?.intercept(request) as ReturnType<CorsPolicy<Sync, Req>['intercept']>,
    preflight: (request) => choose(request)?.preflight(request) as ReturnType<CorsPolicy<Sync, Req>['preflight']>,
    apply<R extends HandlerResult>(request: Req, response: R) {
      const policy = choose(request);
      return policy === undefined ? response : policy.apply(request, response);
    },
    withRouteMethods(methods) {
      const list = [...methods];
      const routed = new Map<CorsPolicy<Sync, Req>, CorsPolicy<Sync, Req>>();
      return corsByRequest((request: Req) => {
        const policy = choose(request);
        if (policy === undefined) return undefined;
        let r = routed.get(policy);
        if (r === undefined) {
          r = policy.withRouteMethods(list);
          routed.set(policy, r);
        }
        return r;
      });
    },
  };
}

/** Whether `value` looks like a policy (for adapters that accept options or a policy). */
export function isCorsPolicy(value: unknown): value is CorsPolicy {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CorsPolicy).wrap === 'function' &&
    typeof (value as CorsPolicy).apply === 'function' &&
    typeof (value as CorsPolicy).intercept === 'function'
  );
}
