// One call makes a whole Bun.serve configuration CORS-aware: `fetch`, every `routes` entry,
// and the error responses of both. Every other option reaches Bun unchanged.

import type { Server } from 'bun';
import type { CorsPolicy } from '@portcullis/core';
import { routeErrors } from './error-responses.js';
import type { BunErrorHandler, BunHandler } from './types.js';
import { wrapRoutes } from './wrap-routes.js';

/** The parts of Bun's serve options the adapter reads; everything else is copied as is. */
export interface ServeOptionsShape {
  fetch?: ((this: Server<unknown>, request: Request, server: Server<unknown>) => ReturnType<BunHandler>) | undefined;
  routes?: Readonly<Record<string, unknown>> | undefined;
  error?: BunErrorHandler | undefined;
}

/**
 * What Bun answers for a path no route matches when there is no `fetch`: an empty 404. The
 * adapter answers it itself so that it carries CORS headers and the browser can show it.
 */
const notFound: BunHandler = () => new Response(null, { status: 404 });

export function wrapServeOptions<O extends ServeOptionsShape>(options: O, policy: CorsPolicy): O {
  const errors = routeErrors(options.error);
  const userFetch = options.fetch;
  // Bun calls `fetch` with the server as `this`; handlers written as methods rely on it.
  const fetchHandler: BunHandler =
    userFetch === undefined ? notFound : (request, server) => userFetch.call(server, request, server);
  const fetch = policy.wrap(errors.guard(fetchHandler));

  const wrapped: ServeOptionsShape = { ...options, fetch };
  if (errors.bunError !== undefined) wrapped.error = errors.bunError;
  if (options.routes !== undefined) {
    wrapped.routes = wrapRoutes(options.routes, { policy, fallThrough: fetch, guard: errors.guard });
  }
  return wrapped as O;
}
