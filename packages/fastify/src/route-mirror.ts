// Which route governs a preflight. A preflight for `DELETE /items/7` arrives as
// `OPTIONS /items/7`, which Fastify routes to an OPTIONS route or to the 404 handler, never to
// the DELETE route whose `config.cors` decides. `fastify.findRoute` says whether a route
// matches but not which one, so the routes are mirrored, as `onRoute` reports them, in a
// find-my-way router configured like Fastify's own.
//
// Constraints: a preflight carries `Host`, so `host` constraints are evaluated as Fastify
// evaluates them. It carries nothing else a constraint could read: `Accept-Version` set by a
// script travels in the actual request and is only *named* in the preflight's
// Access-Control-Request-Headers, and custom constraints read what they like. Variants that
// differ in those constraints therefore share one entry, and registering two whose CORS
// differs is refused: no preflight could tell which one the browser is about to call.

import { CorsConfigError } from '@portcullis/core';
import FindMyWay from 'find-my-way';
import type { RouteCors } from './options.js';

/** What the mirror stores per route: its CORS (null when off) and what it cannot evaluate. */
export interface MirroredRoute {
  readonly cors: RouteCors | null;
  /** Names of the route's constraints other than `host`. */
  readonly unevaluated: readonly string[];
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
  const nested = (typeof top.routerOptions === 'object' && top.routerOptions !== null ? top.routerOptions : {}) as Record<string, unknown>;
  const options: Record<string, unknown> = {};
  for (const key of MATCHING_KEYS) {
    const value = nested[key] ?? top[key];
    if (value !== undefined) options[key] = value;
  }
  return options as MatchingOptions;
}

function noop(): void {}

type Router = FindMyWay.Instance<FindMyWay.HTTPVersion.V1>;
type Method = Parameters<Router['find']>[0];

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof RegExp && b instanceof RegExp) return a.source === b.source && a.flags === b.flags;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  return false;
}

/** Whether two routes' CORS is the same: one registration, and equal `config.cors` options. */
function sameCors(a: RouteCors | null, b: RouteCors | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.preflights !== b.preflights) return false;
  if (a.continuesPreflights !== b.continuesPreflights) return false;
  const x = (a.source ?? {}) as Record<string, unknown>;
  const y = (b.source ?? {}) as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((key) => Object.hasOwn(y, key) && sameValue(x[key], y[key]));
}

export class RouteMirror {
  readonly #router: Router;
  // Every method some route implements, in registration order: the candidates to advertise.
  readonly #methods = new Set<string>();

  constructor(options: MatchingOptions) {
    this.#router = FindMyWay(options);
  }

  /**
   * Mirrors a route. Throws CorsConfigError (at `['routes', label, 'config', 'cors']`) when it is
   * a variant of a mirrored route that a preflight cannot tell apart and whose CORS differs.
   */
  add(methods: readonly string[], url: string, constraints: Readonly<Record<string, unknown>> | undefined, cors: RouteCors | null, label: string): void {
    const host = constraints?.host;
    const hostOnly: Record<string, unknown> = host === undefined ? {} : { host };
    const unevaluated = constraints === undefined ? [] : Object.keys(constraints).filter((k) => k !== 'host' && constraints[k] !== undefined);
    const entry: MirroredRoute = { cors, unevaluated };
    for (const method of methods) {
      let prior: MirroredRoute | undefined;
      try {
        const found = this.#router.findRoute(method as Method, url, hostOnly);
        prior = found === null ? undefined : (found.store as MirroredRoute);
        if (prior === undefined) this.#router.on(method as Method, url, { constraints: hostOnly }, noop, entry);
      } catch {
        // A path Fastify itself rejects: registration fails with Fastify's own error right after.
        continue;
      }
      this.#methods.add(method);
      if (prior === undefined) continue;
      // The same route again (Fastify reports a true duplicate itself), or a variant.
      const variant = prior.unevaluated.length > 0 || unevaluated.length > 0;
      if (variant && !sameCors(prior.cors, cors)) {
        const names = [...new Set([...prior.unevaluated, ...unevaluated])].map((n) => `'${n}'`).join(', ');
        throw new CorsConfigError([
          {
            code: 'route.variants-differ',
            path: ['routes', label, 'config', 'cors'],
            value: cors === null ? false : cors.source,
            message: `${label} has variants, constrained by ${names}, whose config.cors differ, and a preflight cannot tell them apart: it carries Host, but not Accept-Version nor what a custom constraint reads`,
            fix: 'give every variant of the route the same config.cors, or tell them apart by host or by path',
          },
        ]);
      }
    }
  }

  /** The route serving `method` at `url` (a request URL, query allowed) for `host`, if any. */
  find(method: string, url: string, host: string | undefined): MirroredRoute | undefined {
    // Only methods some route implements reach the router: the method is the client's
    // Access-Control-Request-Method, not a name Fastify validated.
    if (!this.#methods.has(method)) return undefined;
    const found = this.#router.find(method as Method, url, { host });
    return found === null ? undefined : (found.store as MirroredRoute);
  }

  /**
   * The methods implemented at `url` by routes whose CORS is `cors` (any CORS when undefined).
   * A method under another CORS (or none) is not advertised: the browser would cache it as
   * allowed and send that request without asking its own route.
   */
  methodsAt(url: string, host: string | undefined, cors?: RouteCors): string[] {
    const methods: string[] = [];
    const constraints = { host };
    for (const method of this.#methods) {
      const found = this.#router.find(method as Method, url, constraints);
      if (found === null) continue;
      if (cors === undefined || (found.store as MirroredRoute).cors === cors) methods.push(method);
    }
    return methods;
  }
}
