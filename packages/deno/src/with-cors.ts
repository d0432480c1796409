// Deno's two ways of serving a handler, with CORS: a function for `Deno.serve(handler)`, and an
// object with `fetch` for `deno serve` and Deno Deploy's default export. Both come back in the
// shape they went in; every CORS decision is made by @portcullis/core's policy.

import {
  cors,
  type CorsOptions,
  type CorsPolicy,
  type MaybePromise,
  type SyncCorsOptions,
  type WrappedResult,
} from '@portcullis/core';
import { isCorsPolicy, type PolicySync } from '@portcullis/core/adapter';

/** A handler for `Deno.serve`: `Deno.ServeHandler`, generic over what it resolves to. */
export type ServeHandler<Addr extends Deno.Addr = Deno.Addr, R extends MaybePromise<Response> = MaybePromise<Response>> = (
  request: Request,
  info: Deno.ServeHandlerInfo<Addr>,
) => R;

/** What `deno serve` and Deno Deploy expect as a module's default export (`Deno.ServeDefaultExport`). */
export interface ServeDefinition {
  /** Answers each request; `info` describes the connection it came on. */
  fetch(request: Request, info: Deno.ServeHandlerInfo): MaybePromise<Response>;
}

/** `handler` with CORS: same parameters; a promise only when the handler or the origin check returns one. */
export type CorsServeHandler<H extends (...args: never[]) => MaybePromise<Response>, Sync extends boolean> = (
  ...args: Parameters<H>
) => WrappedResult<ReturnType<H>, Sync>;

/** `definition` with CORS: every other property kept, `fetch` wrapped. */
export type CorsServeDefinition<T extends ServeDefinition, Sync extends boolean> = Omit<T, 'fetch'> & {
  fetch: CorsServeHandler<T['fetch'], Sync>;
};

/**
 * Adds CORS to a `Deno.serve` handler `(request, info) => Response`, or to a `{ fetch }`
 * default export for `deno serve` and Deno Deploy. Preflights, and cross-origin writes refused
 * by `protectWrites`, are answered without calling the handler; `info` reaches it unchanged;
 * WebSocket upgrades (status 101) pass through untouched. `options` are the core options, or a
 * policy made by `cors()` or `corsByRequest()`. Throws CorsConfigError when the options are
 * wrong.
 */
export function withCors<
  Addr extends Deno.Addr = Deno.Addr,
  R extends MaybePromise<Response> = MaybePromise<Response>,
  P extends CorsPolicy = CorsPolicy,
>(handler: ServeHandler<Addr, R>, policy: P): ServeHandler<Addr, WrappedResult<R, PolicySync<P>>>;
/**
 * Adds CORS to a `Deno.serve` handler with options validated here: the result answers
 * synchronously when the handler does, since no origin function can return a promise.
 */
export function withCors<Addr extends Deno.Addr = Deno.Addr, R extends MaybePromise<Response> = MaybePromise<Response>>(
  handler: ServeHandler<Addr, R>,
  options: SyncCorsOptions,
): ServeHandler<Addr, WrappedResult<R, true>>;
/**
 * Adds CORS to a `Deno.serve` handler with options whose `origin` function may return a
 * promise: the result may then return one too.
 */
export function withCors<Addr extends Deno.Addr = Deno.Addr, R extends MaybePromise<Response> = MaybePromise<Response>>(
  handler: ServeHandler<Addr, R>,
  options: CorsOptions,
): ServeHandler<Addr, WrappedResult<R, boolean>>;
/**
 * Adds CORS to a `{ fetch }` default export (`deno serve`, Deno Deploy) with a policy made by
 * `cors()` or `corsByRequest()`. Every other property of `definition` is kept.
 */
export function withCors<T extends ServeDefinition, P extends CorsPolicy = CorsPolicy>(
  definition: T,
  policy: P,
): CorsServeDefinition<T, PolicySync<P>>;
/** Adds CORS to a `{ fetch }` default export with options validated here; `fetch` stays synchronous when it was. */
export function withCors<T extends ServeDefinition>(definition: T, options: SyncCorsOptions): CorsServeDefinition<T, true>;
/** Adds CORS to a `{ fetch }` default export with options whose `origin` function may return a promise. */
export function withCors<T extends ServeDefinition>(definition: T, options: CorsOptions): CorsServeDefinition<T, boolean>;
export function withCors(
  target: ServeHandler | ServeDefinition,
  options: CorsOptions | CorsPolicy,
): ServeHandler<Deno.Addr, MaybePromise<Response>> | CorsServeDefinition<ServeDefinition, boolean> {
  const policy = isCorsPolicy(options) ? options : cors(options);
  if (typeof target === 'function') return policy.wrap(target);
  if (isServeDefinition(target)) return wrapDefinition(target, policy);
  throw new TypeError(
    'withCors(target, options): target must be a handler (request, info) => Response, ' +
      'or an object with a fetch(request, info) method (the `deno serve` default export).',
  );
}

function isServeDefinition(value: unknown): value is ServeDefinition {
  return typeof value === 'object' && value !== null && typeof (value as ServeDefinition).fetch === 'function';
}

function wrapDefinition<T extends ServeDefinition>(definition: T, policy: CorsPolicy): CorsServeDefinition<T, boolean> {
  const fetch = definition.fetch;
  // `this` inside the user's fetch stays the object they wrote, as `deno serve` would call it.
  const wrapped = policy.wrap((request: Request, info: Deno.ServeHandlerInfo) => fetch.call(definition, request, info));
  // A copy, not a spread: keeps the prototype, getters and any other key (`onListen`) exactly.
  const copy = Object.create(
    Object.getPrototypeOf(definition) as object | null,
    Object.getOwnPropertyDescriptors(definition),
  ) as CorsServeDefinition<T, boolean>;
  Object.defineProperty(copy, 'fetch', { value: wrapped, writable: true, enumerable: true, configurable: true });
  return copy;
}
