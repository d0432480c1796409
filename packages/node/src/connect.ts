// `cors()` and `corsByRequest()` as Connect-style middleware `(req, res, next)`: Express 4 and
// 5, Connect, and anything else with that signature.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CorsOptions } from './types.js';
import { isThenable, type CorsDecision, type CorsEngine } from '@portcullis/core/adapter';
import { decideFailed, decideOnce } from './decide.js';
import { nodeRequestAccess, type NodeRequest } from './node-request.js';
import { answer, decorate, type NodeResponse } from './node-response.js';
import { buildEngine, chooser, CONNECT, register, type Policy } from './options.js';

/** Connect-style middleware, as `cors()` and `corsByRequest()` build it. */
export type CorsMiddleware<Req extends IncomingMessage = IncomingMessage> = (req: Req, res: ServerResponse, next: (error?: unknown) => void) => void;

function proceed(engine: object, decision: CorsDecision, res: NodeResponse, next: (error?: unknown) => void): void {
  if (decision.kind === 'preflight' || decision.kind === 'write') {
    answer(res, decision, engine);
  } else {
    decorate(res, decision, engine);
    next();
  }
}

/**
 * Decides `req` under `policy`, then answers it (a preflight, a refused write) or calls
 * `next()` with the CORS headers set; errors of the policy's own code go to `next(error)`.
 */
export function corsStep<Req extends NodeRequest>(policy: Policy<Req>, req: Req, res: NodeResponse, next: (error?: unknown) => void): void {
  let engine: CorsEngine<Req> | undefined;
  let decision: ReturnType<typeof decideOnce> | undefined;
  try {
    engine = policy.engineFor(req);
    if (engine !== undefined) decision = decideOnce(engine, req, req, res);
  } catch (error) {
    decideFailed(res, engine);
    next(error);
    return;
  }
  // No CORS for this request, or already decided by this same policy.
  if (decision === undefined) next();
  else if (!isThenable<CorsDecision>(decision)) proceed(engine!, decision, res, next);
  else {
    Promise.resolve(decision).then(
      (settled) => proceed(engine!, settled, res, next),
      (error: unknown) => {
        decideFailed(res, engine);
        next(error);
      },
    );
  }
}

function middleware<Req extends IncomingMessage>(policy: Policy<Req>): CorsMiddleware<Req> {
  return register(function portcullisCors(req: Req, res: ServerResponse, next: (error?: unknown) => void): void {
    if (typeof next !== 'function') {
      throw new TypeError('this cors() is Connect-style middleware (req, res, next), for Express and Connect; for Koa, import { cors } from @portcullis/node/koa');
    }
    corsStep(policy, req, res, next);
  }, policy as Policy<never>);
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
  const engine = buildEngine<Req>(CONNECT, options, nodeRequestAccess, arguments.length - 1);
  return middleware<Req>({ flavour: CONNECT, engineFor: () => engine });
}

/**
 * Middleware that applies, per request, the policy `choose(req)` returns: a middleware built
 * once with `cors()`, or undefined for no CORS at all (neither headers nor write protection).
 * Behind `app.use('/api', ...)`, `req.url` is relative to `/api`; `req.originalUrl` is not.
 */
export function corsByRequest<Req extends IncomingMessage = IncomingMessage>(choose: (req: Req) => CorsMiddleware<Req> | undefined): CorsMiddleware<Req> {
  return middleware<Req>(chooser<Req>(CONNECT, choose) as Policy<Req>);
}
