// The package's entry point: Bun.serve options or a single handler in, the same shape out.

import type { Serve, Server } from 'bun';
import {
  cors,
  type CorsOptions,
  type CorsPolicy,
  type MaybePromise,
  type PolicySync,
  type SyncCorsOptions,
  type WrappedResult,
} from '@portcullis/core';
import { isCorsPolicy } from '@portcullis/core/adapter';
import type { BunHandler, BunHandlerResult } from './types.js';
import { wrapServeOptions, type ServeOptionsShape } from './wrap-serve-options.js';

/**
 * Adds CORS to a whole `Bun.serve` configuration: `fetch` and every `routes` entry (handlers,
 * per-method tables, static Responses) answer preflights, refuse cross-origin writes
 * (`protectWrites`) before the application sees them, and get CORS and `Vary` headers;
 * responses from `error` too. `websocket`, TLS and every other option are kept. `corsOptions` are the
 * core options, or a policy made by `cors()` or `corsByRequest()`; method tables advertise their
 * own methods either way. Call it again for `server.reload()`. Throws CorsConfigError when the
 * options are wrong.
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
  Res extends MaybePromise<BunHandlerResult> = MaybePromise<BunHandlerResult>,
  P extends CorsPolicy = CorsPolicy,
>(handler: (request: Q, server: S) => Res, policy: P): (request: Q, server: S) => WrappedResult<Res, PolicySync<P>>;
export function withCors<
  Q extends Request = Request,
  S = Server<undefined>,
  Res extends MaybePromise<BunHandlerResult> = MaybePromise<BunHandlerResult>,
>(
  handler: (request: Q, server: S) => Res,
  corsOptions: SyncCorsOptions,
): (request: Q, server: S) => WrappedResult<Res, true>;
export function withCors<
  Q extends Request = Request,
  S = Server<undefined>,
  Res extends MaybePromise<BunHandlerResult> = MaybePromise<BunHandlerResult>,
>(
  handler: (request: Q, server: S) => Res,
  corsOptions: CorsOptions,
): (request: Q, server: S) => WrappedResult<Res, boolean>;
export function withCors(target: object, corsOptions: CorsOptions | CorsPolicy): unknown {
  const policy = isCorsPolicy(corsOptions) ? corsOptions : cors(corsOptions);
  if (typeof target === 'function') {
    const handler = target as BunHandler;
    return policy.wrap((request: Request, server: Parameters<BunHandler>[1]) => handler.call(server, request, server));
  }
  // Bun's option types are unions keyed on the WebSocket data type; the adapter only reads
  // the three members ServeOptionsShape names.
  return wrapServeOptions(target as ServeOptionsShape, policy);
}
