// Which route governs a preflight. A preflight for `DELETE /items/7` arrives as
// `OPTIONS /items/7`, which Fastify routes to an OPTIONS route or to the 404 handler, never to
// the DELETE route whose `config.cors` should decide. Fastify's `findRoute` says whether a
// route matches but not which one, so the routes are mirrored, as `onRoute` reports them, in
// a find-my-way router configured like Fastify's own.

import FindMyWay from 'find-my-way';
import type { CorsPolicy } from './policies.js';

/** What the mirror stores per route: its policy, or null when its CORS is off. */
interface RouteEntry {
  readonly policy: CorsPolicy | null;
}

/** The subset of Fastify's router options that changes which path matches which route. */
export interface MatchingOptions {
  ignoreTrailingSlash?: boolean;
  ignoreDuplicateSlashes?: boolean;
  caseSensitive?: boolean;
  maxParamLength?: number;
  allowUnsafeRegex?: boolean;
  useSemicolonDelimiter?: boolean;
}

const MATCHING_KEYS = [
  'ignoreTrailingSlash',
  'ignoreDuplicateSlashes',
  'caseSensitive',
  'maxParamLength',
  'allowUnsafeRegex',
  'useSemicolonDelimiter',
] as const;

/**
 * Reads the matching options from `fastify.initialConfig`: `routerOptions` first (Fastify 5's
 * place for them), then the deprecated top-level options it still honours.
 */
export function matchingOptionsOf(initialConfig: object): MatchingOptions {
  const top = initialConfig as Record<string, unknown>;
  const nested = (typeof top.routerOptions === 'object' && top.routerOptions !== null ? top.routerOptions : {}) as Record<
    string,
    unknown
  >;
  const options: Record<string, unknown> = {};
  for (const key of MATCHING_KEYS) {
    const value = nested[key] ?? top[key];
    if (value !== undefined) options[key] = value;
  }
  return options as MatchingOptions;
}

function noop(): void {}

type Method = Parameters<FindMyWay.Instance<FindMyWay.HTTPVersion.V1>['find']>[0];

export class PreflightRoutes {
  readonly #router: FindMyWay.Instance<FindMyWay.HTTPVersion.V1>;
  // Every method some route implements, in registration order: the candidates to advertise.
  readonly #methods = new Set<string>();

  constructor(options: MatchingOptions) {
    this.#router = FindMyWay(options);
  }

  /**
   * Mirrors a route. Constraint variants of one method and path collapse into the first one
   * registered, since a preflight carries none of the headers constraints are derived from.
   */
  add(methods: string | readonly string[], url: string, policy: CorsPolicy | null): void {
    const entry: RouteEntry = { policy };
    for (const method of typeof methods === 'string' ? [methods] : methods) {
      try {
        this.#router.on(method as Method, url, noop, entry);
        this.#methods.add(method);
      } catch {
        // A duplicate (constraint variants) keeps the first; a route Fastify itself rejects
        // fails registration with Fastify's own error right after this.
      }
    }
  }

  /** The route serving `method` at `url` (a request URL, query string allowed), if any. */
  find(method: string, url: string): RouteEntry | undefined {
    // Only methods some route implements reach the router: the method is the client's
    // Access-Control-Request-Method, not a name Fastify validated.
    if (!this.#methods.has(method)) return undefined;
    const found = this.#router.find(method as Method, url);
    return found === null ? undefined : (found.store as RouteEntry);
  }

  /**
   * The methods implemented at `url` by routes under `policy`. A method whose route has
   * another policy (or CORS off) is not advertised: the browser would cache it as allowed and
   * send that request without asking its own route.
   */
  methodsAt(url: string, policy: CorsPolicy): string[] {
    const methods: string[] = [];
    for (const method of this.#methods) {
      const found = this.#router.find(method as Method, url);
      if (found !== null && (found.store as RouteEntry).policy === policy) methods.push(method);
    }
    return methods;
  }
}
