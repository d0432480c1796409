// The package's entry point: Bun.serve options or a single handler in, the same shape out.

import type { Serve, Server } from 'bun';
import {
  cors,
  type CorsOptions,
  type CorsPolicy,
  type HandlerResult,
  type MaybePromise,
  type SyncCorsOptions,
  type WrappedResult,
} from '@portcullis/core';
import { isCorsPolicy, type PolicySync } from '@portcullis/core/adapter';
import { targetKind } from './targets.js';
import type { BunHandler } from './types.js';
import { wrapServeOptions, type ServeOptionsShape } from './wrap-serve-options.js';

/** A per-method route table, `{ GET, DELETE }`: a value for `routes`, which `withCors` cannot serve alone. */
type MethodTable = { readonly [M in 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS']?: unknown };

/**
 * What a method table given to `withCors` turns into for the type checker: this sentence, so
 * that the error where it is used says what to do. At run time the call throws CorsConfigError.
 */
type MethodTableMistake =
  'withCors needs a handler or the whole Bun.serve options: put the method table in routes and wrap the options, withCors({ routes: { path: { GET, DELETE } } }, corsOptions)';

/**
 * A method table is not something `withCors` can serve: put it in `routes` and wrap the whole
 * options. Declared only so that the type error names the mistake; the call throws
 * CorsConfigError (code `target.method-table`) when the server is configured.
 */
export function withCors<T extends MethodTable>(methodTable: T, corsOptions: CorsOptions | CorsPolicy): MethodTableMistake;
/**
 * Adds CORS to a whole `Bun.serve` configuration: `fetch` and every `routes` entry (handlers,
 * per-method tables, static Responses) answer preflights, refuse cross-origin writes
 * (`protectWrites`) before the application sees them, and get CORS and `Vary` headers;
 * responses from `error` too. `websocket`, TLS and every other option are kept. `corsOptions` are the
 * core options, or a policy made by `cors()` or `corsByRequest()`; method tables advertise their
 * own methods either way. Call it again for `server.reload()`. Throws CorsConfigError when the
 * options are wrong, or when what it is given is neither a handler nor serve options (a method
 * table belongs in `routes`).
 */
export function withCors<WebSocketData = undefined, R extends string = never>(
  serveOptions: Serve.Options<WebSocketData, R>,
  corsOptions: CorsOptions | CorsPolicy,
): Serve.Options<WebSocketData, R>;
/**
 * Adds CORS to one handler `(request, server)`: a `fetch` handler or a single route. The
 * handler runs with the server as `this`, as Bun's `fetch` does. With a policy, the wrapped
 * handler is synchronous when the handler and the policy are.
 */
export function withCors<
  Q extends Request = Request,
  S = Server<undefined>,
  Res extends MaybePromise<HandlerResult> = MaybePromise<HandlerResult>,
  P extends CorsPolicy = CorsPolicy,
>(handler: (request: Q, server: S) => Res, policy: P): (request: Q, server: S) => WrappedResult<Res, PolicySync<P>>;
export function withCors<
  Q extends Request = Request,
  S = Server<undefined>,
  Res extends MaybePromise<HandlerResult> = MaybePromise<HandlerResult>,
>(
  handler: (request: Q, server: S) => Res,
  corsOptions: SyncCorsOptions,
): (request: Q, server: S) => WrappedResult<Res, true>;
export function withCors<
  Q extends Request = Request,
  S = Server<undefined>,
  Res extends MaybePromise<HandlerResult> = MaybePromise<HandlerResult>,
>(
  handler: (request: Q, server: S) => Res,
  corsOptions: CorsOptions,
): (request: Q, server: S) => WrappedResult<Res, boolean>;
export function withCors(target: object, corsOptions: CorsOptions | CorsPolicy): unknown {
  const kind = targetKind(target);
  const policy = isCorsPolicy(corsOptions) ? corsOptions : cors(corsOptions);
  if (kind === 'handler') {
    const handler = target as BunHandler;
    return policy.wrap((request: Request, server: Parameters<BunHandler>[1]) => handler.call(server, request, server));
  }
  // Bun's option types are unions keyed on the WebSocket data type; the adapter only reads
  // the three members ServeOptionsShape names.
  return wrapServeOptions(target as ServeOptionsShape, policy);
}
