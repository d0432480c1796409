// The Fastify wiring. Every CORS decision comes from @portcullis/core; this module only picks
// which engine applies to a request and when it is asked.
//
// - onRoute (in each registration's scope): builds and validates the route's CORS once, keeps
//   it in the route's config for its requests, and mirrors the route for preflights.
// - onRequest (at the root, once per application): answers preflights for every URL, with the
//   CORS of the route the browser is about to call; decides every other request once, early,
//   refusing cross-origin writes before any body parser, validator or handler runs.
// - onSend (at the root): sets the decided headers on whatever is sent: handler results, 404s,
//   validation errors, thrown errors, WHATWG Responses.
// Hooks added to the root are added to every context (fastify.js, _addHook), so they run
// however deep the registration, and before the hooks of plugins registered after them.

import { isThenable, protocol, type CorsDecision, type PreflightDecision } from '@portcullis/core/adapter';
import type { ActualDecision } from '@portcullis/core/adapter';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, LogLevel } from 'fastify';
import { headerValue, isPreflight, pathOf, routingHost } from './fastify-request.js';
import { readPluginOptions, type FastifyCorsEngine, type RouteCors } from './options.js';
import { explainRouteRefusal, reportRouteRefusal } from './refusals.js';
import { decorateActual, decorateContinuedPreflight, decorateRouteRefusal, sendAnswer, sendRouteRefusal, type DecoratingDecision } from './replies.js';
import { matchingOptionsOf, RouteMirror } from './route-mirror.js';
import { isRegisteredOn, markRegistration, nearestRegistration, Registrations, rootOf, type Registration } from './scopes.js';
import type { FastifyRefusalListener, RouteRefusal } from './types.js';
import { isWebResponse, liftWebResponse } from './web-response.js';

const { ACRM, ACRH, PREFLIGHT_VARY_TOKENS, SAFELISTED_METHODS, VARY_ORIGIN } = protocol;

/** Where a route's CORS lives in its config (`request.routeOptions.config`). */
const ROUTE_CORS = Symbol('@portcullis/fastify.route');
/** A request's CORS state (see State), set by the hooks. */
const STATE = Symbol('@portcullis/fastify.state');
/** Set on a preflight handed to the application's OPTIONS route. */
const CONTINUED = Symbol('@portcullis/fastify.continued');
/** The application's CORS runtime, on its root context. */
const APP = Symbol('@portcullis/fastify.app');

/** CORS does not apply to the request: no registration governs it, or it is turned off. */
const OFF = Symbol('off');
/** Deciding is under way, or failed (user code threw or rejected): the error response gets nothing. */
const FAILED = Symbol('failed');
/** A preflight no route serves, handed to the application: its reply gets the refusal. */
const UNROUTED = Symbol('unrouted');
/** Absent: not decided yet. Otherwise the decision, or why there is none. */
type State = CorsDecision | typeof OFF | typeof FAILED | typeof UNROUTED;

/** The answer to a preflight no route serves: a bare refusal. */
interface RouteRefusalAnswer {
  readonly reason: string | undefined;
  readonly vary: string;
}

type CorsRequest = FastifyRequest & { [STATE]?: State; [CONTINUED]?: RouteRefusalAnswer | true };
type RouteConfig = { [ROUTE_CORS]?: RouteCors | null };
type Done = (error?: Error) => void;
type SendNext = (error: Error | null, payload?: unknown) => void;

interface AppCors {
  readonly mirror: RouteMirror;
  readonly registrations: Registrations;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** The plugin: one registration, in the scope it is registered in. */
export function portcullisPlugin(instance: FastifyInstance, options: unknown, done: Done): void {
  if (isRegisteredOn(instance)) {
    done(new Error('@portcullis/fastify is already registered on this instance; register it once per scope, and use a route\'s config.cors to change one route'));
    return;
  }
  let registration: Registration;
  let app: AppCors;
  try {
    registration = { config: readPluginOptions(options), prefix: instance.prefix };
    app = appCorsOf(instance);
  } catch (error) {
    done(toError(error));
    return;
  }
  markRegistration(instance, registration);
  app.registrations.add(registration);

  instance.addHook('onRoute', function portcullisRoute(route) {
    // An inner registration governs its own scope's routes.
    if (nearestRegistration(this) !== registration) return;
    const methods = typeof route.method === 'string' ? [route.method] : [...route.method];
    const label = `${methods.join(',')} ${route.url}`;
    const config = route.config as (Record<string, unknown> & RouteConfig) | undefined;
    const cors = registration.config.routeCors(config?.cors, label, methods);
    route.config = { ...config, [ROUTE_CORS]: cors } as NonNullable<typeof route.config>;
    app.mirror.add(methods, route.url, route.constraints, cors, label);
    // A prefixed plugin's '/' route is also registered, without onRoute, as `${prefix}/`.
    if (route.routePath === '' && route.prefix !== '' && route.prefixTrailingSlash !== 'no-slash') {
      app.mirror.add(methods, `${route.url}/`, route.constraints, cors, label);
    }
  });
  done();
}

/** The application's CORS runtime, created with its root hooks by the first registration. */
function appCorsOf(instance: FastifyInstance): AppCors {
  const root = rootOf(instance) as FastifyInstance & { [APP]?: AppCors };
  const existing = root[APP];
  if (existing !== undefined) return existing;
  const matching = matchingOptionsOf(root.initialConfig);
  const app: AppCors = { mirror: new RouteMirror(matching), registrations: new Registrations(matching.caseSensitive !== false) };
  Object.defineProperty(root, APP, { value: app });
  installHooks(root, app);
  return app;
}

function installHooks(root: FastifyInstance, app: AppCors): void {
  const { mirror, registrations } = app;
  // Routes that were registered before the plugin, warned about once each.
  const warned = new WeakSet<object>();

  root.decorateRequest('corsDecision', {
    getter(this: FastifyRequest): CorsDecision | null {
      const state = (this as CorsRequest)[STATE];
      return typeof state === 'object' ? state : null;
    },
  });

  /** The CORS of the route serving `request`; null for none; undefined for a route no registration saw. */
  function routeCorsOf(request: FastifyRequest): RouteCors | null | undefined {
    if (request.is404) return registrations.covering(request.url)?.config.defaults ?? null;
    return (request.routeOptions.config as RouteConfig)[ROUTE_CORS];
  }

  function warnUnseen(request: FastifyRequest): void {
    if (nearestRegistration(request.server) === undefined) return;
    const key = request.routeOptions.config as object;
    if (warned.has(key)) return;
    warned.add(key);
    const { method, url } = request.routeOptions;
    request.log.warn(
      `portcullis: ${String(method)} ${String(url)} was registered before @portcullis/fastify, so its responses get no CORS headers; register the plugin before the routes it governs`,
    );
  }

  function quieten(request: FastifyRequest, reply: FastifyReply, level: LogLevel | undefined): void {
    if (level === undefined) return;
    // A child of the request's own logger: the level changes for this request only.
    const log = request.log.child({}, { level });
    request.log = log;
    reply.log = log;
  }

  // Deciding runs user code (an origin function, choosePolicy). The state is FAILED until a
  // decision is made, so that when that code throws (Fastify's hook runner turns the throw
  // into the error response) or rejects, the error response is left alone: user code runs
  // once per request, and an origin nobody could check is given nothing.
  const failWith = (done: (error: Error) => void) => (error: unknown) => done(toError(error));

  // ── Preflights ────────────────────────────────────────────────────────────────────────────

  function preflight(request: CorsRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
    const headers = request.headers;
    const origin = headerValue(headers.origin)!;
    const method = headerValue(headers[ACRM])!;
    const requestHeaders = headerValue(headers[ACRH]);
    const host = routingHost(request);
    // The route that will serve the actual request decides, not the OPTIONS route or 404 this
    // preflight was routed to. No such route: the registration covering the URL refuses it.
    const target = mirror.find(method, request.url, host);
    // A method the URL's routes do not serve, beside ones they do (`patch` where `PATCH` is
    // routed, `DELETE` where only GET is): decided by those routes' policy with their methods,
    // like any refused method, so that the browser's console names the method.
    const neighbour = target === undefined ? routedBeside(request.url, host, method) : undefined;
    const cors =
      target !== undefined ? target.cors : neighbour !== undefined ? neighbour.cors : (registrations.covering(request.url)?.config.defaults ?? null);
    if (cors === null || !cors.preflights.answer) {
      request[STATE] = OFF;
      done();
      return;
    }
    quieten(request, reply, cors.preflights.logLevel);
    request[STATE] = FAILED;
    let engine = cors.engineFor(request);
    if (engine === undefined) {
      request[STATE] = OFF;
      done();
      return;
    }
    const receiver = request.is404 ? undefined : (request.routeOptions.config as RouteConfig)[ROUTE_CORS];
    const continues = receiver?.continuesPreflights === true;
    if (target === undefined && (neighbour === undefined || !engine.config.explainRefusals)) {
      const refusal = refuseUnrouted(request, engine, origin, method, requestHeaders ?? null, host);
      if (continues) {
        request[STATE] = UNROUTED;
        request[CONTINUED] = refusal;
        done();
      } else {
        request[STATE] = OFF;
        sendRouteRefusal(reply, refusal.reason, refusal.vary);
      }
      return;
    }
    if (engine.config.allowMethods.kind === 'default') engine = engine.withRouteMethods(mirror.methodsAt(request.url, host, cors));
    const finish = (decision: PreflightDecision) => {
      request[STATE] = decision;
      if (continues) {
        request[CONTINUED] = true;
        done();
      } else {
        sendAnswer(reply, decision);
      }
    };
    const decision = engine.decidePreflight(origin, method, requestHeaders, request);
    if (isThenable<PreflightDecision>(decision)) Promise.resolve(decision).then(finish, failWith(done));
    else finish(decision);
  }

  /**
   * A route at `url` serving another method, whose policy can then decide a preflight for
   * `method`: one the browser preflights for its own sake (GET, HEAD and POST pass any method
   * check, so only the bare refusal can say that no route serves them). With the routes'
   * methods as the allowed ones, or the user's `allowMethods` (a listed method passes, and its
   * actual request gets the 404, with CORS headers).
   */
  function routedBeside(url: string, host: string | undefined, method: string): { cors: RouteCors } | undefined {
    if (SAFELISTED_METHODS.has(method)) return undefined;
    for (const other of mirror.methodsAt(url, host)) {
      // An OPTIONS route answers OPTIONS requests; the resource's policy is its other routes'.
      if (other === 'OPTIONS') continue;
      const route = mirror.find(other, url, host);
      // A route with CORS off lends nothing: its neighbours decide, or the bare refusal.
      if (route !== undefined && route.cors !== null) return { cors: route.cors };
    }
    return undefined;
  }

  /**
   * No route serves the requested method at this URL (or the plugin never saw the one that
   * does): a bare 403 with the reason, the same for every origin. Routes are no secret from
   * any origin (a plain request shows the 404), so no origin check is needed, and no CORS
   * header could make every browser show the true cause: an explained 2xx names a method or a
   * header as refused, and cannot even block a GET, HEAD or POST.
   */
  function refuseUnrouted(
    request: FastifyRequest,
    engine: FastifyCorsEngine,
    origin: string,
    method: string,
    requestHeaders: string | null,
    host: string | undefined,
  ): RouteRefusalAnswer {
    const path = pathOf(request.url);
    const unseen =
      method === method.toUpperCase() &&
      request.server.findRoute({ method: method as 'GET', url: path, constraints: host === undefined ? {} : { host } }) !== null;
    const refusal: RouteRefusal = unseen
      ? { code: 'route.unseen', origin, method, path }
      : { code: 'route.not-found', origin, method, path, methodsHere: mirror.methodsAt(request.url, host) };
    const config = engine.config;
    // Engines get the adapter's listener (refusals.ts) whenever onRefusal is set.
    if (typeof config.onRefusal === 'function') reportRouteRefusal(config.onRefusal as FastifyRefusalListener, refusal, requestHeaders, request);
    const vary = (engine.variesByOrigin ? [VARY_ORIGIN, ...PREFLIGHT_VARY_TOKENS] : PREFLIGHT_VARY_TOKENS).join(', ');
    return { reason: config.explainRefusals ? explainRouteRefusal(refusal).message : undefined, vary };
  }

  // ── Actual requests ───────────────────────────────────────────────────────────────────────

  function actual(request: CorsRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
    const cors = routeCorsOf(request);
    if (cors == null) {
      if (cors === undefined) warnUnseen(request);
      request[STATE] = OFF;
      done();
      return;
    }
    request[STATE] = FAILED;
    const engine = cors.engineFor(request);
    if (engine === undefined) {
      request[STATE] = OFF;
      done();
      return;
    }
    const origin = headerValue(request.headers.origin);
    if (origin === undefined && !engine.config.protectWrites) {
      request[STATE] = engine.noOrigin;
      done();
      return;
    }
    const finish = (decision: ActualDecision) => {
      request[STATE] = decision;
      if (decision.kind === 'write') sendAnswer(reply, decision);
      else done();
    };
    const decision = engine.decideActual(origin ?? null, request);
    if (isThenable<ActualDecision>(decision)) Promise.resolve(decision).then(finish, failWith(done));
    else finish(decision);
  }

  root.addHook('onRequest', function portcullisRequest(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) {
    if (isPreflight(request)) preflight(request, reply, done);
    else actual(request, reply, done);
  });

  // ── Responses ─────────────────────────────────────────────────────────────────────────────

  function decorate(reply: FastifyReply, payload: unknown, decision: DecoratingDecision, next: SendNext): void {
    const body = isWebResponse(payload) ? liftWebResponse(reply, payload) : payload;
    decorateActual(reply, decision);
    next(null, body);
  }

  /**
   * The onRequest hook did not run: a hook before it replied (an authentication hook's 401,
   * say) or failed. The response is decorated as an actual request's; nothing is refused any
   * more, and a preflight is left as it is.
   */
  function decideLate(request: CorsRequest, reply: FastifyReply, payload: unknown, next: SendNext): void {
    const cors = isPreflight(request) ? null : routeCorsOf(request);
    if (cors == null) {
      request[STATE] = OFF;
      next(null, payload);
      return;
    }
    request[STATE] = FAILED;
    const engine = cors.engineFor(request);
    if (engine === undefined) {
      request[STATE] = OFF;
      next(null, payload);
      return;
    }
    const finish = (decision: ActualDecision) => {
      request[STATE] = decision;
      decorate(reply, payload, decision as DecoratingDecision, next);
    };
    const origin = headerValue(request.headers.origin);
    if (origin === undefined) {
      finish(engine.noOrigin);
      return;
    }
    const decision = engine.decideActual(origin, request, false);
    if (isThenable<ActualDecision>(decision)) Promise.resolve(decision).then(finish, failWith(next));
    else finish(decision);
  }

  root.addHook('onSend', function portcullisHeaders(request: FastifyRequest, reply: FastifyReply, payload: unknown, next: SendNext) {
    const state = (request as CorsRequest)[STATE];
    if (state === undefined) {
      decideLate(request, reply, payload, next);
      return;
    }
    if (state === UNROUTED) {
      const refusal = (request as CorsRequest)[CONTINUED] as RouteRefusalAnswer;
      decorateRouteRefusal(reply, refusal.reason, refusal.vary);
      next(null, payload);
      return;
    }
    // Off, failed, or answered here (a preflight, a refused write): nothing to add.
    if (typeof state !== 'object' || state.kind === 'write') {
      next(null, payload);
      return;
    }
    if (state.kind === 'preflight') {
      if ((request as CorsRequest)[CONTINUED] === true) {
        const body = isWebResponse(payload) ? liftWebResponse(reply, payload) : payload;
        decorateContinuedPreflight(reply, state);
        next(null, body);
      } else {
        next(null, payload);
      }
      return;
    }
    decorate(reply, payload, state, next);
  });
}
