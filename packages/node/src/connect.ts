// `cors()` and `corsByRequest()` as Connect-style middleware `(req, res, next)`: Express 4 and
// 5, Connect, and anything else with that signature.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { decideStep, type Continuation } from './decide.js';
import { nodeRequestAccess } from './node-request.js';
import { proceed, type NodeResponse } from './node-response.js';
import { chooser, CONNECT, onePolicy, register, type Policy } from './options.js';
import type { CorsOptions } from './types.js';

/** Connect-style middleware, as `cors()` and `corsByRequest()` build it. */
export type CorsMiddleware<Req extends IncomingMessage = IncomingMessage> = (req: Req, res: ServerResponse, next: (error?: unknown) => void) => void;

type Next = (error?: unknown) => void;

/**
 * Answers a decided request (a preflight, a refused write), or calls `next()` with the CORS
 * headers set; errors of the policy's own code go to `next(error)`.
 */
const connectStep: Continuation<NodeResponse, Next> = {
  decided(engine, decision, res, next) {
    if (decision === undefined || proceed(res, decision, engine!)) next();
  },
  failed: (error, _res, next) => next(error),
};

function middleware<Req extends IncomingMessage>(policy: Policy<Req>): CorsMiddleware<Req> {
  return register(function portcullisCors(req: Req, res: ServerResponse, next: (error?: unknown) => void): void {
    if (typeof next !== 'function') throw new TypeError("Express's cors() in Koa: import cors from @portcullis/node/koa");
    decideStep(policy, req, req, res, connectStep, res, next);
  }, policy);
}

/**
 * CORS as Connect-style middleware, for Express 4 and 5, Connect and `(req, res, next)`
 * routers: `app.use(cors({ origin: 'https://myapp.es' }))`, or per route. Answers preflights
 * and refused cross-site writes itself; sets CORS and `Vary` headers on everything else before
 * calling `next()`, and keeps them until the response's head is written. Throws
 * CorsConfigError, listing every problem, when the options are wrong.
 */
export function cors<Req extends IncomingMessage = IncomingMessage>(options: CorsOptions<Req>): CorsMiddleware<Req> {
  // eslint-disable-next-line prefer-rest-params
  return middleware(onePolicy<Req>(CONNECT, options, nodeRequestAccess, arguments.length - 1));
}

/**
 * Middleware that applies, per request, the policy `choose(req)` returns: a middleware built
 * once with `cors()`, or undefined for no CORS at all (neither headers nor write protection).
 * Behind `app.use('/api', ...)`, `req.url` is relative to `/api`; `req.originalUrl` is not.
 */
export function corsByRequest<Req extends IncomingMessage = IncomingMessage>(choose: (req: Req) => CorsMiddleware<Req> | undefined): CorsMiddleware<Req> {
  return middleware(chooser<Req>(CONNECT, choose));
}
