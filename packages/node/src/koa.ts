/**
 * CORS for Koa: `app.use(cors({ origin: 'https://myapp.es' }))`, with every decision made by
 * `@portcullis/core`. The options are core's; a wrong configuration throws CorsConfigError
 * when `cors()` is called.
 *
 * @module
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestAccess } from '@portcullis/core/adapter';
import { decideStep, type Continuation } from './decide.js';
import { nodeRequestAccess } from './node-request.js';
import { decorate } from './node-response.js';
import { chooser, KOA, onePolicy, register, type Policy } from './options.js';
import type { CorsOptions } from './types.js';

/**
 * What the middleware uses of a Koa context, and what a chooser or an origin function most
 * often reads; Koa's own `Context` (and koa-router's) has it all. The origin function and
 * `onRefusal` receive the context itself: declare `(origin, ctx: Koa.Context) => ...` to see
 * the rest of it.
 */
export interface KoaContextLike {
  /** Node's request: the engine reads its headers. */
  readonly req: IncomingMessage;
  /** Node's response: Koa's headers are its headers. */
  readonly res: ServerResponse;
  /** Koa's response status. */
  status: number;
  /** Koa's response body. */
  body: unknown;
  /** The request method. */
  readonly method: string;
  /** The request path (relative to the mount point under koa-mount). */
  readonly path: string;
  /** The request URL as received, whatever the mounts. */
  readonly originalUrl: string;
  /** A request header, or `''`. */
  get(field: string): string;
}

/** Koa middleware, as `cors()` and `corsByRequest()` build it. */
export type KoaCorsMiddleware<Ctx extends KoaContextLike = KoaContextLike> = (ctx: Ctx, next: () => Promise<unknown>) => Promise<void>;

// A context is read through its Node request: Koa's `ctx.headers` and `ctx.method` are the same values.
const koaAccess: RequestAccess<KoaContextLike> = {
  method: (ctx) => ctx.req.method!,
  header: (ctx, name) => nodeRequestAccess.header(ctx.req, name),
  host: (ctx) => nodeRequestAccess.host(ctx.req),
};

interface Pending {
  readonly next: () => Promise<unknown>;
  readonly resolve: (value: Promise<unknown> | undefined) => void;
  readonly reject: (error: unknown) => void;
}

const koaStep: Continuation<KoaContextLike, Pending> = {
  decided(engine, decision, ctx, { next, resolve }) {
    if (decision === undefined) return resolve(next());
    // Set on Node's response, which Koa's `ctx.set` writes to too; kept until the head is
    // written, through Koa's error handling, which removes every header first.
    decorate(ctx.res, decision, engine!);
    if (decision.kind !== 'preflight' && decision.kind !== 'write') return resolve(next());
    // An explicit null body first (Koa then sends no body, not the status text), then the status.
    ctx.body = null;
    ctx.status = decision.status;
    resolve(undefined);
  },
  failed: (error, _ctx, { reject }) => reject(error),
};

function middleware<Ctx extends KoaContextLike>(policy: Policy<Ctx>): KoaCorsMiddleware<Ctx> {
  return register(function portcullisCors(ctx: Ctx, next: () => Promise<unknown>): Promise<void> {
    if (typeof next !== 'function') throw new TypeError("Koa's cors() outside Koa: import cors from @portcullis/node");
    return new Promise<unknown>((resolve, reject) => decideStep(policy, ctx, ctx.req, ctx.res, koaStep, ctx, { next, resolve, reject })) as Promise<void>;
  }, policy);
}

/**
 * CORS as Koa middleware: answers preflights and refused cross-site writes itself; sets CORS
 * and `Vary` headers on everything else before `await next()`, and keeps them through Koa's
 * error handling until the head is written. Errors of an origin function are thrown to Koa.
 * Throws CorsConfigError, listing every problem, when the options are wrong.
 */
export function cors<Ctx extends KoaContextLike = KoaContextLike>(options: CorsOptions<Ctx>): KoaCorsMiddleware<Ctx> {
  // eslint-disable-next-line prefer-rest-params
  return middleware(onePolicy<Ctx>(KOA, options, koaAccess, arguments.length - 1));
}

/**
 * Middleware that applies, per request, the policy `choose(ctx)` returns: a middleware built
 * once with `cors()`, or undefined for no CORS at all (neither headers nor write protection).
 */
export function corsByRequest<Ctx extends KoaContextLike = KoaContextLike>(choose: (ctx: Ctx) => KoaCorsMiddleware<Ctx> | undefined): KoaCorsMiddleware<Ctx> {
  return middleware(chooser<Ctx>(KOA, choose));
}
