// `withCors` for App Router route modules: one policy per route, advertising the methods the
// route exports, wrapped around each handler, plus the OPTIONS export that Next.js needs for
// preflights to reach us at all (without one, Next answers every OPTIONS itself, CORS-less).

import {
  CorsConfigError,
  type CorsConfigProblem,
  type CorsOptions,
  type CorsPolicy,
  type HandlerResult,
  type MaybePromise,
  type SyncCorsOptions,
  type WrappedResult,
} from '@portcullis/core';
import { isCorsPolicy, type PolicySync } from '@portcullis/core/adapter';
// With the extension: `next` has no exports map, so Node's ESM resolver (and TypeScript's
// node16 resolution) needs the file name.
import type { NextRequest } from 'next/server.js';
import { nextAllowValue, nextDefaultOptions } from './allow-header.js';
import { proxyGuard } from './behind-proxy.js';
import { cors } from './next-policy.js';
import { offerOptions } from './options-export.js';

/** The methods a route module may export, as Next.js reads them. */
const ROUTE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

/**
 * Anything Next.js can call as a route handler: `(request, context)`, where `context.params`
 * is a promise of the dynamic segments. `never` lets each handler declare its own context type.
 */
type RouteHandler = (request: NextRequest, context: never) => MaybePromise<HandlerResult>;

/** A route module's handlers, keyed by method. */
export type RouteHandlers = { readonly [M in RouteMethod]?: RouteHandler | undefined };

/**
 * The parameters of a wrapped handler: the handler's own, so `context` keeps its precise type,
 * except that the request is never optional (CORS reads it even when the handler does not).
 */
type WrappedParameters<A extends unknown[]> = A extends [infer Q, ...infer Rest]
  ? [request: Q, ...rest: Rest]
  : A extends []
    ? [request: NextRequest]
    : A;

/** `handler` with CORS. */
type CorsRouteHandler<H, Sync extends boolean> = H extends (...args: infer A) => infer R
  ? (...args: WrappedParameters<A>) => WrappedResult<R, Sync>
  : never;

/** Next's own answer to OPTIONS, which `withCors` exports when the route has no OPTIONS handler. */
type DefaultOptionsHandler<Sync extends boolean> = (request: NextRequest) => WrappedResult<Response, Sync>;

/** What `withCors` returns: each handler wrapped, and always an `OPTIONS` export. */
export type CorsRoute<H extends RouteHandlers, Sync extends boolean> = {
  readonly [M in Exclude<keyof H, 'OPTIONS'>]: CorsRouteHandler<Exclude<H[M], undefined>, Sync>;
} & {
  readonly OPTIONS: H extends { readonly OPTIONS: infer O extends RouteHandler }
    ? CorsRouteHandler<O, Sync>
    : DefaultOptionsHandler<Sync>;
};

type AnyHandler = (request: Request, ...rest: unknown[]) => MaybePromise<HandlerResult>;

const KNOWN: ReadonlySet<string> = new Set(ROUTE_METHODS);

/** The methods `handlers` implements; throws CorsConfigError for anything Next would not route. */
function implementedMethods(handlers: RouteHandlers): RouteMethod[] {
  const problems: CorsConfigProblem[] = [];
  const methods: RouteMethod[] = [];
  if (typeof handlers !== 'object' || handlers === null) {
    throw new CorsConfigError([
      {
        code: 'handlers.not-an-object',
        path: ['handlers'],
        value: handlers,
        message: 'withCors needs an object of route handlers',
        fix: 'withCors({ GET, POST }, options)',
      },
    ]);
  }
  for (const [key, value] of Object.entries(handlers)) {
    if (!KNOWN.has(key)) {
      const upper = key.toUpperCase();
      problems.push({
        code: 'handlers.unknown-method',
        path: ['handlers', key],
        value,
        message: `"${key}" is not a method Next.js routes to`,
        fix: KNOWN.has(upper)
          ? `name it ${upper}: Next.js only calls uppercase exports`
          : `use one of ${ROUTE_METHODS.join(', ')}`,
      });
    } else if (typeof value === 'function') {
      methods.push(key as RouteMethod);
    } else if (value !== undefined) {
      problems.push({
        code: 'handlers.not-a-function',
        path: ['handlers', key],
        value,
        message: `expected a route handler function, got ${value === null ? 'null' : typeof value}`,
        fix: `pass (request, context) => Response as ${key}, or leave ${key} out`,
      });
    }
  }
  if (problems.length === 0 && methods.length === 0) {
    problems.push({
      code: 'handlers.empty',
      path: ['handlers'],
      value: handlers,
      message: 'no route handler was given',
      fix: 'withCors({ GET, POST }, options)',
    });
  }
  if (problems.length > 0) throw new CorsConfigError(problems);
  return methods;
}

/**
 * CORS for a route module. Returns each handler wrapped and an `OPTIONS` handler that answers
 * preflights; export them all (without `OPTIONS`, Next answers preflights itself, CORS-less, and
 * a route module that never takes it is reported once):
 *
 * ```ts
 * export const { GET, PUT, OPTIONS } = withCors({ GET: getItem, PUT: putItem }, { origin: 'https://myapp.es' });
 * ```
 *
 * `options` are the core options, or a policy made by `cors()` or `corsByRequest()` (one
 * policy shared by several routes, or one chosen per request). Unless the policy sets
 * `allowMethods`, preflights are allowed for the exported methods (and `HEAD` when `GET` is
 * exported). Preflights and refused cross-origin writes (`protectWrites`) are answered without
 * running a handler. An `OPTIONS` request that is not a preflight goes to the `OPTIONS` handler
 * passed in or, without one, gets Next's usual 204 with `Allow`. A request a `corsProxy` passed
 * on gets a 500 (the two policies would contradict each other), reported once.
 * Throws CorsConfigError when the options or the handlers are wrong.
 */
export function withCors<H extends RouteHandlers, P extends CorsPolicy<boolean, NextRequest>>(
  handlers: H,
  policy: P,
): CorsRoute<H, PolicySync<P>>;
export function withCors<H extends RouteHandlers>(handlers: H, options: SyncCorsOptions<NextRequest>): CorsRoute<H, true>;
export function withCors<H extends RouteHandlers>(handlers: H, options: CorsOptions<NextRequest>): CorsRoute<H, boolean>;
export function withCors(handlers: RouteHandlers, options: CorsOptions<NextRequest> | CorsPolicy<boolean, NextRequest>): unknown {
  const methods = implementedMethods(handlers);
  const advertised: string[] = methods.includes('GET') ? [...methods, 'HEAD'] : methods;
  // An origin function and onRefusal may read NextRequest's extras (nextUrl, cookies): Next passes one.
  const base = isCorsPolicy(options) ? options : cors(options);
  const policy = base.withRouteMethods(advertised);

  const guard = proxyGuard();
  const route: Record<string, AnyHandler> = {};
  for (const method of methods) {
    if (method !== 'OPTIONS') route[method] = guard(policy.wrap(handlers[method] as AnyHandler) as AnyHandler);
  }
  const optionsHandler = (handlers.OPTIONS as AnyHandler | undefined) ?? nextDefaultOptions(nextAllowValue(methods));
  offerOptions(route, guard(policy.wrap(optionsHandler) as AnyHandler), methods);
  return route;
}
