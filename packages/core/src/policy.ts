// The public Fetch API: `cors(options)` returns a policy that wraps handlers, or answers
// preflights and decorates responses for middleware-style frameworks. All decisions come from
// the engine; this module only reads request headers and shapes Responses.

import { createCorsEngine, type CorsEngine, type Out } from './engine.js';
import { settle } from './maybe-promise.js';
import { ACRH, ACRM, isPreflight, ORIGIN } from './protocol.js';
import { answerResponder, decorateResponse, type DecoratingDecision } from './response.js';
import type { CorsDecision, CorsOptions, MaybePromise, SyncCorsOptions } from './types.js';

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
export interface CorsPolicy<out Sync extends boolean = boolean, Req extends Request = Request> {
  /**
   * Wraps a handler `(request, ...rest)`: answers preflights and refused writes without
   * calling it, and adds CORS and Vary headers to what it returns. `rest` (Bun's `server`,
   * Deno's `info`, Next's `context`) reaches the handler untouched; errors it throws propagate
   * unchanged.
   */
  wrap<Q extends Req, A extends unknown[], R extends MaybePromise<HandlerResult>>(
    handler: (request: Q, ...rest: A) => R,
  ): (request: Q, ...rest: A) => WrappedResult<R, Sync>;
  /**
   * What to answer instead of calling the handler, or undefined to call it: the answer to a
   * preflight, or the refusal of a cross-origin write (`protectWrites`). For middleware: call
   * it first, then `apply` to the handler's response.
   */
  intercept(request: Req): Out<Response | undefined, Sync>;
  /** The answer to a preflight only, or undefined when `request` is not a preflight. */
  preflight(request: Req): Out<Response | undefined, Sync>;
  /**
   * `response` with the CORS and Vary headers for `request`, treated as an actual request.
   * Changed in place when its headers are mutable, otherwise copied around the same body.
   */
  apply<R extends HandlerResult>(request: Req, response: R): Out<R | Response, Sync>;
  /**
   * A policy advertising `methods` unless `allowMethods` was set explicitly (for adapters that
   * know which methods a route implements).
   */
  withRouteMethods(methods: Iterable<string>): CorsPolicy<Sync, Req>;
}

/**
 * Whether a policy answers synchronously, read from its type argument: `CorsPolicy<boolean>` is
 * assignable to `CorsPolicy<true>`, so an overload on the parameter type cannot tell them apart.
 * For adapters whose `withCors` takes a policy and keeps handlers synchronous when it is.
 */
export type PolicySync<P> = P extends CorsPolicy<infer Sync, infer _Req> ? Sync : boolean;

/**
 * Builds a CORS policy from options, validating them once. Throws CorsConfigError listing
 * every problem when they are wrong.
 */
export function cors<Req extends Request = Request>(options: SyncCorsOptions<Req>): CorsPolicy<true, Req>;
/** A policy whose origin function may be async: its methods may return promises. */
export function cors<Req extends Request = Request>(options: CorsOptions<Req>): CorsPolicy<boolean, Req>;
export function cors<Req extends Request = Request>(options: CorsOptions<Req>): CorsPolicy<boolean, Req> {
  return policyFor(createCorsEngine<Req>(options));
}

/** `cors(options).wrap(handler)`; an origin function receives the handler's own request type. */
export function withCors<Q extends Request, A extends unknown[], R extends MaybePromise<HandlerResult>>(
  handler: (request: Q, ...rest: A) => R,
  options: SyncCorsOptions<Q>,
): (request: Q, ...rest: A) => WrappedResult<R, true>;
/** `cors(options).wrap(handler)` with options that may decide asynchronously. */
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

// The engines of withRouteMethods are memoised; so are their policies (and response templates).
const routedPolicies = new WeakMap<object, CorsPolicy<boolean, never>>();

type FetchMethods<Req extends Request> = Pick<CorsPolicy<boolean, Req>, 'wrap' | 'intercept' | 'preflight' | 'apply'>;

/** A policy's Fetch methods: the engine's decisions read from Requests and turned into Responses. */
function fetchMethods<Req extends Request>(engine: CorsEngine<Req, boolean>): FetchMethods<Req> {
  const { decide, decidePreflight, decideActual, noOrigin } = engine;
  const answer = answerResponder();
  // The decisions `intercept` made, for `apply` to reuse: an origin function runs once per request.
  const intercepted = new WeakMap<Req, DecoratingDecision>();

  function intercept(request: Req): MaybePromise<Response | undefined> {
    return settle(decide(request), (decision): Response | undefined => {
      if (decision.kind === 'preflight' || decision.kind === 'write') return answer(decision);
      // Nothing to remember for a request without Origin: `apply` finds it again for free.
      if (decision !== noOrigin) intercepted.set(request, decision);
      return undefined;
    });
  }

  function apply<R extends HandlerResult>(request: Req, response: R): MaybePromise<R | Response> {
    const known = intercepted.get(request);
    if (known !== undefined) return decorateResponse(response, known);
    const origin = request.headers.get(ORIGIN);
    if (origin === null) return decorateResponse(response, noOrigin);
    // Decided as an actual request whatever the method, and never as a write: the handler ran.
    return settle(decideActual(origin, request, false), (decision) => decorateResponse(response, decision as DecoratingDecision));
  }

  function wrap<Q extends Req, A extends unknown[], R extends MaybePromise<HandlerResult>>(
    handler: (request: Q, ...rest: A) => R,
  ): (request: Q, ...rest: A) => MaybePromise<HandlerResult> {
    function respond(self: unknown, decision: CorsDecision, request: Q, rest: A): MaybePromise<HandlerResult> {
      if (decision.kind === 'preflight' || decision.kind === 'write') return answer(decision);
      return settle(handler.call(self, request, ...rest) as MaybePromise<HandlerResult>, (result) => decorateResponse(result, decision));
    }

    // `this` is forwarded: Bun calls `fetch` with the server as `this`, and `{ fetch }` objects
    // (deno serve, Bun's default export) may use their own members.
    return function corsHandler(this: unknown, request: Q, ...rest: A) {
      return settle(decide(request), (decision) => respond(this, decision, request, rest));
    };
  }

  function preflight(request: Req): MaybePromise<Response | undefined> {
    const headers = request.headers;
    const origin = headers.get(ORIGIN);
    const requestMethod = request.method === 'OPTIONS' ? headers.get(ACRM) : null;
    if (!isPreflight(request.method, origin, requestMethod)) return undefined;
    return settle(decidePreflight(origin!, requestMethod!, headers.get(ACRH), request), answer);
  }
  return { wrap, intercept, preflight, apply } as FetchMethods<Req>;
}

/** Wraps an existing engine in the Fetch API. */
export function policyFor<Sync extends boolean, Req extends Request = Request>(
  engine: CorsEngine<Req, Sync>,
): CorsPolicy<Sync, Req> {
  // Named rather than `this`, so that a destructured `withRouteMethods` keeps working.
  const policy: CorsPolicy<Sync, Req> = {
    ...(fetchMethods(engine as CorsEngine<Req, boolean>) as Pick<CorsPolicy<Sync, Req>, 'wrap' | 'intercept' | 'preflight' | 'apply'>),
    withRouteMethods(methods) {
      const routed = engine.withRouteMethods(methods);
      if (routed === engine) return policy;
      let routedPolicy = routedPolicies.get(routed) as CorsPolicy<Sync, Req> | undefined;
      if (routedPolicy === undefined) {
        routedPolicy = policyFor(routed);
        routedPolicies.set(routed, routedPolicy as CorsPolicy<boolean, never>);
      }
      return routedPolicy;
    },
  };
  return policy;
}
