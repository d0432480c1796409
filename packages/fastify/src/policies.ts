// The effective CORS configurations of an app: the plugin's own, and each route's
// `config.cors` merged over it (as @fastify/cors merges them). Each is validated and compiled
// once, when the route is registered, so a wrong route configuration fails at start-up.

import { CorsConfigError, createCorsEngine } from '@portcullis/core';
import type { CorsEngine, CorsOptions } from '@portcullis/core';
import type { FastifyRequest } from 'fastify';

export type FastifyCorsEngine = CorsEngine<FastifyRequest, boolean>;

/** One effective CORS configuration. */
export interface CorsPolicy {
  readonly engine: FastifyCorsEngine;
  /**
   * The engine to answer a preflight for a URL whose routes under this policy implement
   * `methods` (the engine itself when `allowMethods` was given). Cached per method list.
   */
  forMethods(methods: readonly string[]): FastifyCorsEngine;
}

function createPolicy(engine: FastifyCorsEngine): CorsPolicy {
  if (engine.config.allowMethodsGiven) return { engine, forMethods: () => engine };
  // Keys are the method lists of the app's own routes, so the cache stays small.
  const byMethods = new Map<string, FastifyCorsEngine>();
  return {
    engine,
    forMethods(methods) {
      const key = methods.join(' ');
      let routed = byMethods.get(key);
      if (routed === undefined) {
        routed = engine.withRouteMethods(methods);
        byMethods.set(key, routed);
      }
      return routed;
    },
  };
}

/** Points each problem of a route's configuration at the route, e.g. `GET /public config.cors.origin`. */
function locate(error: CorsConfigError, where: string): CorsConfigError {
  return new CorsConfigError(
    error.problems.map((p) => ({ ...p, path: `${where} config.cors${p.path === 'options' ? '' : `.${p.path}`}` })),
  );
}

export class Policies {
  readonly root: CorsPolicy;
  readonly #options: CorsOptions<FastifyRequest>;
  // Keyed by the route's `config.cors` object: routes sharing one object share one policy.
  readonly #overrides = new WeakMap<object, CorsPolicy>();

  /** Throws CorsConfigError when the plugin options are wrong. */
  constructor(options: CorsOptions<FastifyRequest>) {
    this.#options = options;
    this.root = createPolicy(createCorsEngine<FastifyRequest>(options));
  }

  /**
   * The policy of a route whose `config.cors` is `cors`: the plugin's when absent, null when
   * `false` (CORS off for the route), else the override merged over the plugin options.
   * Throws CorsConfigError naming `where` when the override is wrong.
   */
  forRoute(cors: unknown, where: string): CorsPolicy | null {
    if (cors === undefined) return this.root;
    if (cors === false) return null;
    if (typeof cors !== 'object' || cors === null || Array.isArray(cors)) {
      throw new CorsConfigError([
        {
          path: `${where} config.cors`,
          message: `expected false or an options object, got ${cors === null ? 'null' : Array.isArray(cors) ? 'an array' : typeof cors}`,
          fix: "remove it to use the plugin's options, set it to false to turn CORS off for the route, or pass options such as { origin: 'https://myapp.es' }",
        },
      ]);
    }
    let policy = this.#overrides.get(cors);
    if (policy === undefined) {
      try {
        policy = createPolicy(createCorsEngine<FastifyRequest>({ ...this.#options, ...(cors as Partial<CorsOptions<FastifyRequest>>) }));
      } catch (error) {
        throw error instanceof CorsConfigError ? locate(error, where) : error;
      }
      this.#overrides.set(cors, policy);
    }
    return policy;
  }
}
