// The policies a request can get, each built once from its options by the core: a policy is a
// core engine plus what the adapter's own refusals need. Problems the core finds are moved to
// where the user wrote the options (`policies.app.origin`, `routes["GET /x"].config.cors.origin`).

import { CorsConfigError, type CorsConfigProblem, type ProblemPathSegment } from '@portcullis/core';
import { createCorsEngine, formatRefusalLog, type CorsEngine } from '@portcullis/core/adapter';
import type { FastifyRequest } from 'fastify';
import { fastifyRequestAccess } from './fastify-request.js';
import { describe, type Options } from './peer-options.js';
import type { FastifyCorsOptions, FastifyRefusalEvent } from './types.js';

export type FastifyCorsEngine = CorsEngine<FastifyRequest, boolean>;

/** What one request gets. */
export interface Policy {
  readonly engine: FastifyCorsEngine;
  /**
   * False for no cross-origin access at all (`config.cors: false`, `choosePolicy` returning
   * false): no CORS headers, preflights left to Fastify, writes from other origins refused.
   */
  readonly open: boolean;
}

/** The CORS of the routes sharing one `config.cors` (or none): a policy per request. */
export interface RouteCors {
  /** The policy for `request`, served (or, for a preflight, about to be served) by `route`. */
  pick(request: FastifyRequest, route: string | undefined): Policy;
  /** Whether the plugin answers the route's preflights (not with `preflight: false`, `config.cors: false`). */
  readonly preflights: boolean;
  /** The `config.cors` it was built from (undefined: the plugin's options), to compare variants. */
  readonly source: unknown;
}

/** No origin passes, so every cross-origin write is refused, and nothing is ever allowed. */
const NO_ORIGIN = () => false;

/** `onRefusal: 'log'`: one warning through the request's logger, the event's fields as data. */
function logThroughRequest(event: FastifyRefusalEvent): void {
  const { request, ...fields } = event;
  request.log.warn({ cors: fields }, formatRefusalLog(event));
}

/** The listener the core gets for `onRefusal`. */
function listener(options: Options): unknown {
  return options.onRefusal === 'log' ? logThroughRequest : options.onRefusal;
}

/** The policy for `options`, or undefined after pushing the problems found (located at `at`). */
export function buildPolicy(options: Options, at: readonly ProblemPathSegment[], problems: CorsConfigProblem[]): Policy | undefined {
  try {
    return { engine: createCorsEngine<FastifyRequest>({ ...options, onRefusal: listener(options) } as FastifyCorsOptions as never, fastifyRequestAccess), open: true };
  } catch (error) {
    if (!(error instanceof CorsConfigError)) throw error;
    for (const p of error.problems) problems.push({ ...p, path: [...at, ...p.path] });
  }
}

/** No cross-origin access, explained and reported as `options` say (where they are valid). */
export function closedPolicy(options: Options): Policy {
  const onRefusal = listener(options);
  const engine = createCorsEngine<FastifyRequest>(
    { origin: NO_ORIGIN, protectWrites: true, explainRefusals: options.explainRefusals !== false, onRefusal: typeof onRefusal === 'function' ? (onRefusal as never) : undefined },
    fastifyRequestAccess,
  );
  return { engine, open: false };
}

export type Choose = (request: FastifyRequest, route: string | undefined) => unknown;

/** The one policy, or the one `choose` names per request; an unknown name is a 500. */
export function picker(policies: ReadonlyMap<string, Policy>, closed: Policy, choose: Choose | undefined): RouteCors['pick'] {
  if (choose === undefined) {
    const only = policies.values().next().value as Policy;
    return () => only;
  }
  const names = [...policies.keys()].join(', ');
  return (request, route) => {
    const name = choose(request, route);
    if (name === false) return closed;
    const policy = typeof name === 'string' ? policies.get(name) : undefined;
    if (policy === undefined) throw new TypeError(`choosePolicy returned ${describe(name)}, which names no policy: return one of ${names}, or false`);
    return policy;
  };
}
