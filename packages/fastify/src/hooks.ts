// The per-request wiring, at the root (Fastify adds a root's hooks to every context), once per
// application. Every decision is the core's (`engine.decide`); this module picks which policy
// applies, asking Fastify where it can:
// - onRequest: a preflight is decided by the route the browser is about to call (mirrored at
//   start-up: Fastify routes the preflight elsewhere); any other request by its own route
//   (`request.routeOptions.config`, `request.server`), refusing cross-origin writes before any
//   body parser, validator or handler runs;
// - onSend: the decision's headers go on whatever is sent (handler results, 404s, errors,
//   WHATWG Responses).

import { isThenable, protocol, type CorsDecision, type PreflightDecision } from '@portcullis/core/adapter';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { RequestHook } from './applications.js';
import { headerValue, isPreflight } from './fastify-request.js';
import type { RouteCors } from './policies.js';
import { applyDecision, sendAnswer } from './replies.js';
import { advertising, type MirroredRoute, type RouteMirror } from './route-mirror.js';
import { registrationOf, type Registrations, type ResolvedRoute } from './scopes.js';
import { isWebResponse, liftWebResponse } from './web-response.js';

const { ACRM, SAFE_METHODS } = protocol;

/** One application's registrations and routes. */
export interface AppCors {
  readonly registrations: Registrations;
  /** Every route, mirrored at start-up (before any request). */
  routes: RouteMirror;
  /** Whether every route was seen, and the plugin's onRequest hook is the first (applications.ts). */
  readonly complete: boolean;
}

/** The decision whose headers onSend applies; null when there is none (no CORS, failed, answered). */
const DECISION = Symbol('@portcullis/fastify.decision');

type CorsRequest = FastifyRequest & { [DECISION]: CorsDecision | null };
type Done = HookHandlerDoneFunction;
type SendNext = (error: Error | null, payload?: unknown) => void;

// A route's CORS, by its context's config object (one per route): resolved at its first request.
const byConfig = new WeakMap<object, ResolvedRoute | null>();

/** The CORS of the route serving `request` (Fastify's answer), or null when no registration governs it. */
function routeOf(app: AppCors, request: FastifyRequest): ResolvedRoute | null {
  const config = request.routeOptions.config as Record<string, unknown> & { url?: string; method: string | string[] };
  if (config.url === undefined) {
    const scope = app.registrations.covering(request.url);
    return scope === undefined ? null : { cors: scope.config.defaults, route: undefined };
  }
  let found = byConfig.get(config);
  if (found === undefined) {
    const registration = registrationOf(request.server);
    found = registration === undefined ? null : { cors: registration.config.routeCors(config.cors, `${String(config.method)} ${config.url}`), route: config.url };
    byConfig.set(config, found);
  }
  return found;
}

// ── Preflights ──────────────────────────────────────────────────────────────────────────────

/**
 * Decides a preflight with the policy of `target`, the route the browser is about to call,
 * advertising its methods; leaves it to Fastify when that route has no policy (no
 * registration, `preflight: false`, `config.cors: false`).
 */
function decide(app: AppCors, request: FastifyRequest, reply: FastifyReply, done: Done, target: MirroredRoute): void {
  const cors = target.cors;
  if (cors === null || !cors.preflights) return done();
  const policy = cors.pick(request, target.url);
  if (!policy.open) return done();
  const decision = advertising(target, policy.engine).decide(request);
  if (isThenable<PreflightDecision>(decision)) Promise.resolve(decision).then((settled) => sendAnswer(reply, settled, app.complete), done);
  else sendAnswer(reply, decision as PreflightDecision, app.complete);
}

/**
 * A preflight for a method no route serves at its URL is decided like any other: by the
 * policy of the URL's other routes (or of the scope whose prefix covers it) with the methods
 * routed there. The method is refused by name, in the answer and in its reason; GET, HEAD and
 * POST pass any method check, and their request gets the 404, which the page can read.
 */
function unrouted(app: AppCors, request: FastifyRequest, reply: FastifyReply, done: Done, method: string, host: string): void {
  const beside = app.routes.routesAt(request.url, host).find(([m, r]) => m !== 'OPTIONS' && r.cors !== null && r.cors.source !== false);
  if (beside !== undefined) return decide(app, request, reply, done, beside[1]);
  const scope = app.registrations.covering(request.url);
  if (scope === undefined) return done();
  // No route advertises nothing, unless the application had one before this module loaded,
  // which the mirror lacks: then its scope's policy, as its own config.cors cannot be known.
  const unseen = !app.complete && request.server.findRoute({ method: method as 'GET', url: request.url, constraints: { host } }) !== null;
  decide(app, request, reply, done, { cors: scope.config.defaults, url: undefined, methods: unseen ? [method] : [], engines: new WeakMap() });
}

function preflight(app: AppCors, request: FastifyRequest, reply: FastifyReply, done: Done): void {
  const method = headerValue(request.headers[ACRM])!;
  const host = request.host;
  const target = app.routes.find(method, request.url, host);
  if (target === undefined) unrouted(app, request, reply, done, method, host);
  else decide(app, request, reply, done, target);
}

// ── Everything else ─────────────────────────────────────────────────────────────────────────

function finish(app: AppCors, request: CorsRequest, reply: FastifyReply, done: Done, open: boolean, decision: CorsDecision): void {
  if (decision.kind === 'write') return sendAnswer(reply, decision, app.complete);
  if (open) request[DECISION] = decision;
  done();
}

function actual(app: AppCors, request: CorsRequest, reply: FastifyReply, done: Done): void {
  const found = routeOf(app, request);
  if (found === null) return done();
  const { engine, open } = found.cors.pick(request, found.route);
  // No cross-origin access: only writes are decided, to refuse other origins'.
  if (!open && SAFE_METHODS.has(request.method)) return done();
  const decision = engine.decide(request);
  // Synchronous unless an origin function returns a promise: no closure on the usual path.
  if (isThenable<CorsDecision>(decision)) Promise.resolve(decision).then((settled) => finish(app, request, reply, done, open, settled), done);
  else finish(app, request, reply, done, open, decision);
}

// ── Responses ───────────────────────────────────────────────────────────────────────────────

function portcullisHeaders(request: FastifyRequest, reply: FastifyReply, payload: unknown, next: SendNext): void {
  const decision = (request as CorsRequest)[DECISION];
  // Undefined in a context whose Request class predates the decoration.
  if (decision == null) return next(null, payload);
  const body = isWebResponse(payload) ? liftWebResponse(reply, payload) : payload;
  applyDecision(reply, decision);
  next(null, body);
}

/** Adds the onSend hook; returns the onRequest hook, to add first. */
export function installHooks(root: FastifyInstance, app: AppCors): RequestHook {
  root.decorateRequest(DECISION, null);
  root.addHook('onSend', portcullisHeaders);
  return function portcullisRequest(request, reply, done) {
    if (isPreflight(request)) preflight(app, request, reply, done);
    else actual(app, request as CorsRequest, reply, done);
  };
}
