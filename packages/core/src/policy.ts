// The public Fetch API: `cors(options)` returns a policy that wraps handlers, or answers
// preflights and decorates responses for middleware-style frameworks. All decisions come from
// the engine; this module only reads request headers and shapes Responses.

import { createCorsEngine, type CorsEngine } from './engine.js';
import { isThenable } from './maybe-promise.js';
import { preflightResponder, responseDecorator } from './response.js';
import type { CorsDecision, CorsOptions, MaybePromise, SyncCorsOptions } from './types.js';

const ORIGIN = 'origin';
const ACRM = 'access-control-request-method';
const ACRH = 'access-control-request-headers';

/** `T`, or a promise of it when the policy is not known to be synchronous. */
type Out<T, Sync extends boolean> = Sync extends true ? T : MaybePromise<T>;

/** What a wrapped handler returns: synchronous when both the policy and the handler are. */
export type WrappedResult<R, Sync extends boolean> = Sync extends true
  ? R extends PromiseLike<infer V>
    ? Response | Promise<V | Response>
    : R | Response
  : MaybePromise<Awaited<R> | Response>;

/** Anything a Fetch-style handler may resolve to (`undefined` after a WebSocket upgrade). */
export type HandlerResult = Response | undefined | void;

/**
 * `Req` is the request type the policy's origin function expects (e.g. Next's `NextRequest`);
 * the policy then only wraps handlers of that request type, so the function always gets one.
 */
export interface CorsPolicy<Sync extends boolean = boolean, Req extends Request = Request> {
  /**
   * Wraps a handler `(request, ...rest)`: answers preflights without calling it, and adds CORS
   * and Vary headers to what it returns. `rest` (Bun's `server`, Deno's `info`, Next's
   * `context`) reaches the handler untouched; errors it throws propagate unchanged.
   */
  wrap<Q extends Req, A extends unknown[], R extends MaybePromise<HandlerResult>>(
    handler: (request: Q, ...rest: A) => R,
  ): (request: Q, ...rest: A) => WrappedResult<R, Sync>;
  /**
   * The answer to a preflight (allowed: `preflightStatus` with CORS headers; refused: 403
   * without any), or undefined when `request` is not a preflight.
   */
  preflight(request: Req): Out<Response | undefined, Sync>;
  /**
   * `response` with the CORS and Vary headers for `request`, treated as an actual request.
   * Changed in place when its headers are mutable, otherwise copied around the same body.
   */
  apply<R extends HandlerResult>(request: Req, response: R): Out<R | Response, Sync>;
  /** The low-level decision API on plain header values; see {@link CorsEngine}. */
  readonly engine: CorsEngine<Req, Sync>;
  /**
   * A policy advertising `methods` unless `allowMethods` was set explicitly (for adapters that
   * know which methods a route implements).
   */
  withRouteMethods(methods: Iterable<string>): CorsPolicy<Sync, Req>;
}

/**
 * Builds a CORS policy from options, validating them once. Throws CorsConfigError listing
 * every problem when they are wrong.
 */
export function cors<Req extends Request = Request>(options: SyncCorsOptions<Req>): CorsPolicy<true, Req>;
export function cors<Req extends Request = Request>(options: CorsOptions<Req>): CorsPolicy<boolean, Req>;
export function cors<Req extends Request = Request>(options: CorsOptions<Req>): CorsPolicy<boolean, Req> {
  return policyFor(createCorsEngine<Req>(options));
}

/** `cors(options).wrap(handler)`; an origin function receives the handler's own request type. */
export function withCors<Q extends Request, A extends unknown[], R extends MaybePromise<HandlerResult>>(
  handler: (request: Q, ...rest: A) => R,
  options: SyncCorsOptions<Q>,
): (request: Q, ...rest: A) => WrappedResult<R, true>;
export function withCors<Q extends Request, A extends unknown[], R extends MaybePromise<HandlerResult>>(
  handler: (request: Q, ...rest: A) => R,
  options: CorsOptions<Q>,
): (request: Q, ...rest: A) => WrappedResult<R, boolean>;
export function withCors<Q extends Request, A extends unknown[], R extends MaybePromise<HandlerResult>>(
  handler: (request: Q, ...rest: A) => R,
  options: CorsOptions<Q>,
): (request: Q, ...rest: A) => WrappedResult<R, boolean> {
  return cors<Q>(options).wrap(handler);
}

/** Wraps an existing engine in the Fetch API. */
export function policyFor<Sync extends boolean, Req extends Request = Request>(
  engine: CorsEngine<Req, Sync>,
): CorsPolicy<Sync, Req> {
  const decide = engine.decide as (
    method: string,
    origin: string | null,
    requestMethod: string | null,
    requestHeaders: string | null,
    request: Req,
  ) => MaybePromise<CorsDecision>;
  const decorate = responseDecorator(engine.variesByOrigin ? 'Origin' : undefined);
  const preflightResponse = preflightResponder();
  const notCors = decide('GET', null, null, null, undefined as never) as CorsDecision & { kind: 'not-cors' };

  function decideFor(request: Req, origin: string): MaybePromise<CorsDecision> {
    let requestMethod: string | null = null;
    let requestHeaders: string | null = null;
    const method = request.method;
    if (method === 'OPTIONS') {
      requestMethod = request.headers.get(ACRM);
      if (requestMethod !== null) requestHeaders = request.headers.get(ACRH);
    }
    return decide(method, origin, requestMethod, requestHeaders, request);
  }

  function preflight(request: Req): MaybePromise<Response | undefined> {
    if (request.method !== 'OPTIONS') return undefined;
    const origin = request.headers.get(ORIGIN);
    if (origin === null || request.headers.get(ACRM) === null) return undefined;
    const decision = decideFor(request, origin);
    if (isThenable<CorsDecision>(decision)) {
      return Promise.resolve(decision).then((d) => (d.kind === 'preflight' ? preflightResponse(d) : undefined));
    }
    return decision.kind === 'preflight' ? preflightResponse(decision) : undefined;
  }

  function apply<R extends HandlerResult>(request: Req, response: R): MaybePromise<R | Response> {
    const origin = request.headers.get(ORIGIN);
    if (origin === null) return decorate(response, notCors);
    // Decided as an actual request whatever the method: `apply` runs after the handler.
    const decision = decide('GET', origin, null, null, request);
    if (isThenable<CorsDecision>(decision)) {
      return Promise.resolve(decision).then((d) => decorate(response, d as never));
    }
    return decorate(response, decision as never);
  }

  function wrap<Q extends Req, A extends unknown[], R extends MaybePromise<HandlerResult>>(
    handler: (request: Q, ...rest: A) => R,
  ) {
    function finish(self: unknown, decision: CorsDecision, request: Q, rest: A): MaybePromise<HandlerResult> {
      if (decision.kind === 'preflight') return preflightResponse(decision);
      const result = handler.call(self, request, ...rest);
      if (isThenable<HandlerResult>(result)) return Promise.resolve(result).then((r) => decorate(r, decision));
      return decorate(result as HandlerResult, decision);
    }

    // `this` is forwarded: Bun calls `fetch` with the server as `this`, and `{ fetch }` objects
    // (deno serve, Bun's default export) may use their own members.
    return function corsHandler(this: unknown, request: Q, ...rest: A) {
      const origin = request.headers.get(ORIGIN);
      if (origin === null) {
        const result = handler.call(this, request, ...rest);
        if (notCors.vary === undefined) return result;
        if (isThenable<HandlerResult>(result)) return Promise.resolve(result).then((r) => decorate(r, notCors));
        return decorate(result as HandlerResult, notCors);
      }
      const decision = decideFor(request, origin);
      if (isThenable<CorsDecision>(decision)) {
        return Promise.resolve(decision).then((d) => finish(this, d, request, rest));
      }
      return finish(this, decision, request, rest);
    } as (request: Q, ...rest: A) => WrappedResult<R, Sync>;
  }

  // Named rather than `this`, so that a destructured `withRouteMethods` keeps working.
  const policy: CorsPolicy<Sync, Req> = {
    wrap,
    preflight: preflight as CorsPolicy<Sync, Req>['preflight'],
    apply: apply as CorsPolicy<Sync, Req>['apply'],
    engine,
    withRouteMethods(methods) {
      const routed = engine.withRouteMethods(methods);
      return routed === engine ? policy : policyFor(routed);
    },
  };
  return policy;
}
