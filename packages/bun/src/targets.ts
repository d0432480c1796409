// What `withCors` can serve safely: a handler, or the whole Bun.serve options. `bun run` never
// type-checks, so anything else must fail when the server is configured, whatever the type
// checker would have said: a method table given to withCors inside `routes`
// (`'/users/:id': withCors({ GET, DELETE }, options)`) used to be taken for serve options, and
// Bun then served its methods raw: preflights got 404, responses no CORS header, and a
// cross-site credentialed DELETE ran.

import { CorsConfigError, type CorsConfigProblem } from '@portcullis/core';
import { ROUTE_METHODS } from './route-values.js';

type TargetKind = 'handler' | 'serve-options';

function methodKeys(target: object): string[] {
  return Object.keys(target).filter((key) => ROUTE_METHODS.has(key));
}

function problem(target: unknown): CorsConfigProblem | undefined {
  if (typeof target === 'function') return undefined;
  if (target instanceof Response) {
    return {
      code: 'target.static-response',
      path: ['target'],
      value: target,
      message: 'a Response is a static route, which withCors cannot serve on its own',
      fix: "put it in routes and wrap the whole options: withCors({ routes: { '/path': response }, fetch }, corsOptions)",
    };
  }
  if (typeof target !== 'object' || target === null || Array.isArray(target)) {
    return {
      code: 'target.not-servable',
      path: ['target'],
      value: target,
      message: `expected a handler (request, server) => Response or the Bun.serve options, got ${target === null ? 'null' : Array.isArray(target) ? 'an array' : typeof target}`,
      fix: 'withCors(fetchHandler, corsOptions), or withCors({ routes, fetch, ... }, corsOptions)',
    };
  }
  const methods = methodKeys(target);
  if (methods.length === 0) return undefined;
  const table = `{ ${methods.join(', ')} }`;
  return {
    code: 'target.method-table',
    path: ['target'],
    value: target,
    message: `a method table (${table}) is a route, not something withCors can serve: Bun would run its methods without CORS, answer its preflights 404 and let cross-site writes through`,
    fix: `put the table in routes and wrap the whole options: withCors({ routes: { '/path': ${table} }, fetch }, corsOptions)`,
  };
}

/** What `target` is, for `withCors`; throws CorsConfigError when it cannot be served safely. */
export function targetKind(target: unknown): TargetKind {
  const found = problem(target);
  if (found !== undefined) throw new CorsConfigError([found]);
  return typeof target === 'function' ? 'handler' : 'serve-options';
}
