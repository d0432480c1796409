// The Fastify wiring: two application-wide hooks and an onRoute listener. Every CORS decision
// comes from @portcullis/core; this module only picks which configuration applies and when.
//
// - onRoute: validates each route's `config.cors` at registration and mirrors the route so
//   preflights can find the route they are about.
// - onRequest: answers preflights (OPTIONS with Origin and Access-Control-Request-Method) for
//   every URL, routed or not; any other OPTIONS goes on to the user's route or the 404.
// - onSend: adds CORS headers and merges Vary on every other response, whichever path
//   produced it: handler, 404, validation error, thrown error, WHATWG Response.

import { isThenable, type CorsDecision, type CorsOptions } from '@portcullis/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { Policies, type CorsPolicy, type FastifyCorsEngine } from './policies.js';
import { matchingOptionsOf, PreflightRoutes } from './preflight-routes.js';
import { applyActualDecision, sendPreflightAnswer } from './reply-headers.js';
import { isWebResponse, liftWebResponse } from './web-response.js';

const ACRM = 'access-control-request-method';
const ACRH = 'access-control-request-headers';

/** Options Fastify's `register` adds for itself; they are not CORS options. */
const REGISTER_OPTIONS = ['prefix', 'logLevel', 'logSerializers'];

type Done = (error?: Error) => void;
type HookNext = HookHandlerDoneFunction;
type SendNext = (error: Error | null, payload?: unknown) => void;

function corsOptionsOf(options: object): CorsOptions<FastifyRequest> {
  const own: Record<string, unknown> = { ...options };
  for (const key of REGISTER_OPTIONS) delete own[key];
  return own as unknown as CorsOptions<FastifyRequest>;
}

function isPreflight(request: FastifyRequest): boolean {
  const headers = request.headers;
  return request.method === 'OPTIONS' && headers.origin !== undefined && headers[ACRM] !== undefined;
}

/** Marks an instance the plugin is registered on: twice would decide, and add headers, twice. */
const REGISTERED = Symbol('@portcullis/fastify');

export function portcullisPlugin(app: FastifyInstance, options: CorsOptions<FastifyRequest>, done: Done): void {
  if (app.hasDecorator(REGISTERED)) {
    done(new Error('@portcullis/fastify is already registered on this instance; register it once, before your routes'));
    return;
  }
  app.decorate(REGISTERED, true);
  let policies: Policies;
  try {
    policies = new Policies(corsOptionsOf(options));
  } catch (error) {
    done(error as Error);
    return;
  }
  const routes = new PreflightRoutes(matchingOptionsOf(app.initialConfig));

  /** The policy of the route that produced this reply (the plugin's for the 404 handler). */
  function policyOf(request: FastifyRequest): CorsPolicy | null {
    const route = request.routeOptions;
    return policies.forRoute(route.config?.cors, `${request.method} ${route.url ?? request.url}`);
  }

  function preflightEngine(policy: CorsPolicy, url: string): FastifyCorsEngine {
    if (policy.engine.config.allowMethodsGiven) return policy.engine;
    return policy.forMethods(routes.methodsAt(url, policy));
  }

  app.addHook('onRoute', (route) => {
    const methods = route.method;
    const label = `${Array.isArray(methods) ? methods.join(',') : String(methods)} ${route.url}`;
    const policy = policies.forRoute(route.config?.cors, label);
    routes.add(methods as string | string[], route.url, policy);
    // A prefixed plugin's '/' route is also registered, without onRoute, as `${prefix}/`.
    if (route.routePath === '' && route.prefix !== '' && route.prefixTrailingSlash !== 'no-slash') {
      routes.add(methods as string | string[], `${route.url}/`, policy);
    }
  });

  function answerPreflight(reply: FastifyReply, decision: CorsDecision, next: HookNext): void {
    if (decision.kind === 'preflight') sendPreflightAnswer(reply, decision);
    else next();
  }

  app.addHook('onRequest', function portcullisPreflight(request: FastifyRequest, reply: FastifyReply, next: HookNext) {
    if (!isPreflight(request)) {
      next();
      return;
    }
    const headers = request.headers;
    const requestMethod = headers[ACRM] as string;
    // The route that will serve the actual request decides, not the OPTIONS route or 404
    // this preflight was routed to. No such route: the plugin's options (the 404's).
    const target = routes.find(requestMethod, request.url);
    const policy = target === undefined ? policies.root : target.policy;
    if (policy === null) {
      next(); // CORS is off for that route: Fastify answers the OPTIONS as it would anyway
      return;
    }
    const decision = preflightEngine(policy, request.url).decide(
      'OPTIONS',
      headers.origin,
      requestMethod,
      headers[ACRH],
      request,
    );
    if (isThenable<CorsDecision>(decision)) {
      decision.then(
        (d) => answerPreflight(reply, d, next),
        (error: unknown) => next(error as Error),
      );
    } else {
      answerPreflight(reply, decision, next);
    }
  });

  app.addHook(
    'onSend',
    function portcullisHeaders(request: FastifyRequest, reply: FastifyReply, payload: unknown, next: SendNext) {
      // Preflights were answered in onRequest, or belong to a route with CORS off.
      if (isPreflight(request)) {
        next(null, payload);
        return;
      }
      let policy: CorsPolicy | null;
      try {
        policy = policyOf(request);
      } catch (error) {
        next(error as Error);
        return;
      }
      if (policy === null) {
        next(null, payload);
        return;
      }
      const body = isWebResponse(payload) ? liftWebResponse(reply, payload) : payload;
      const decision = policy.engine.decide(request.method, request.headers.origin, null, null, request);
      if (isThenable<CorsDecision>(decision)) {
        decision.then((d) => {
          if (d.kind !== 'preflight') applyActualDecision(reply, d);
          next(null, body);
        }, (error: unknown) => next(error as Error));
        return;
      }
      if (decision.kind !== 'preflight') applyActualDecision(reply, decision);
      next(null, body);
    },
  );

  done();
}
