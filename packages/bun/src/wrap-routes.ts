// Every entry of Bun's `routes` bypasses `fetch`, so each one is wrapped on its own. Method
// tables advertise their own methods in preflights, and answer preflights even when they
// define no OPTIONS (Bun would send those to `fetch`).

import type { CorsPolicy } from '@portcullis/core';
import { classifyRouteValue, type MethodRouteValue } from './route-values.js';
import { serveStatic } from './static-response.js';
import type { BunHandler } from './types.js';

interface RouteWrapping {
  readonly policy: CorsPolicy;
  /** The wrapped fetch: where Bun sends a method a route table does not define. */
  readonly fallThrough: BunHandler;
  /** Routes thrown errors to the user's `error` handler. */
  readonly guard: (handler: BunHandler) => BunHandler;
}

export function wrapRoutes(routes: Readonly<Record<string, unknown>>, wrapping: RouteWrapping): Record<string, unknown> {
  const wrapped: Record<string, unknown> = {};
  for (const path of Object.keys(routes)) wrapped[path] = wrapRoute(routes[path], wrapping);
  return wrapped;
}

function wrapRoute(value: unknown, { policy, fallThrough, guard }: RouteWrapping): unknown {
  const route = classifyRouteValue(value);
  switch (route.kind) {
    case 'handler':
      return policy.wrap(guard(route.handler));
    case 'static':
      return policy.wrap(serveStatic(route.response));
    case 'methods': {
      const methods = Object.keys(route.methods);
      const routePolicy = policy.withRouteMethods(methods);
      const table: Record<string, BunHandler> = {};
      for (const method of methods) table[method] = wrapMethod(route.methods[method]!, routePolicy, guard);
      table['OPTIONS'] ??= answerPreflights(routePolicy, fallThrough);
      return table;
    }
    case 'native':
      return value;
  }
}

function wrapMethod(value: MethodRouteValue, policy: CorsPolicy, guard: RouteWrapping['guard']): BunHandler {
  return value instanceof Response ? policy.wrap(serveStatic(value)) : policy.wrap(guard(value));
}

/** Answers preflights; any other OPTIONS request goes where Bun would send it. */
function answerPreflights(policy: CorsPolicy, fallThrough: BunHandler): BunHandler {
  return (request, server) => {
    const answer = policy.preflight(request);
    if (answer === undefined) return fallThrough(request, server);
    if (answer instanceof Response) return answer;
    return answer.then((response) => response ?? fallThrough(request, server));
  };
}
