// Which route a preflight asks about. A preflight for `DELETE /items/7` arrives as
// `OPTIONS /items/7`, which Fastify routes to an OPTIONS route or to the 404 handler, and
// `fastify.findRoute` says whether a route matches but not which one (nor its config). So every
// route Fastify reported (applications.ts) is mirrored once, at start-up, in a find-my-way router
// configured like Fastify's own, and looked up there with the preflight's method and URL.
//
// Constraints: a preflight carries `Host`, so `host` constraints are evaluated as Fastify
// evaluates them. It carries nothing else a constraint could read: `Accept-Version` set by a
// script travels in the actual request and is only *named* in the preflight's
// Access-Control-Request-Headers, and custom constraints read what they like. Variants that
// differ in those constraints therefore share one entry, and registering two whose CORS
// differs is refused: no preflight could tell which one the browser is about to call.

import { CorsConfigError } from '@portcullis/core';
import FindMyWay from 'find-my-way';
import { problem } from './peer-options.js';
import type { FastifyCorsEngine, RouteCors } from './policies.js';
import type { RouteRecord } from './applications.js';

/**
 * What the mirror stores: the routes sharing a URL pattern, a host and their CORS, with the
 * methods a preflight for one of them advertises. (A method under other CORS is never
 * advertised: the browser would cache it as allowed and send that request without asking its
 * own route.)
 */
export interface MirroredRoute {
  /** Their CORS; null when no registration governs them. */
  readonly cors: RouteCors | null;
  /** Their URL pattern, as `choosePolicy` receives it (undefined: no route). */
  readonly url: string | undefined;
  readonly methods: string[];
  /** Each policy's engine, advertising `methods` (unless the user chose allowMethods). */
  readonly engines: WeakMap<FastifyCorsEngine, FastifyCorsEngine>;
}

/** `engine` advertising `route`'s methods (unless the user chose allowMethods), once per route. */
export function advertising(route: MirroredRoute, engine: FastifyCorsEngine): FastifyCorsEngine {
  let routed = route.engines.get(engine);
  if (routed === undefined) route.engines.set(engine, (routed = engine.withRouteMethods(route.methods)));
  return routed;
}

/**
 * Fastify's router options (`fastify.initialConfig`: Fastify 5's `routerOptions` over the
 * top-level ones it still honours), which decide which path matches which route. Custom
 * constraint strategies stay Fastify's: the mirror evaluates `host` only.
 */
export function matchingOptionsOf(initialConfig: object): FindMyWay.Config<FindMyWay.HTTPVersion.V1> {
  const { constraints, ...options } = { ...initialConfig, ...(initialConfig as { routerOptions?: object }).routerOptions } as Record<string, unknown>;
  return options;
}

function noop(): void {}

type Router = FindMyWay.Instance<FindMyWay.HTTPVersion.V1>;
type Method = Parameters<Router['find']>[0];

export class RouteMirror {
  readonly #router: Router;
  // Every method some route implements: only these are looked up.
  readonly #methods = new Set<string>();
  readonly #entries = new Map<string, Map<RouteCors | null, MirroredRoute>>();

  constructor(options: FindMyWay.Config<FindMyWay.HTTPVersion.V1>) {
    this.#router = FindMyWay(options);
  }

  /**
   * Mirrors a route. Throws CorsConfigError (at `['routes', label, 'config', 'cors']`) when it is
   * a variant of a mirrored route that a preflight cannot tell apart and whose CORS differs.
   */
  add(record: RouteRecord, cors: RouteCors | null, label: string): void {
    const constraints = record.options.constraints as Readonly<Record<string, unknown>> | undefined;
    const host = constraints?.host;
    const hostOnly: Record<string, unknown> = host === undefined ? {} : { host };
    const key = `${String(host)} ${record.url}`;
    let byCors = this.#entries.get(key);
    if (byCors === undefined) this.#entries.set(key, (byCors = new Map()));
    let entry = byCors.get(cors);
    if (entry === undefined) byCors.set(cors, (entry = { cors, url: record.url, methods: [], engines: new WeakMap() }));
    for (const url of record.withSlash ? [record.url, `${record.url}/`] : [record.url]) {
      for (const method of record.methods) {
        const prior = this.#router.findRoute(method as Method, url, hostOnly)?.store as MirroredRoute | undefined;
        if (prior === undefined) {
          try {
            this.#router.on(method as Method, url, { constraints: hostOnly }, noop, entry);
          } catch {
            // A method Fastify was taught (addHttpMethod) and find-my-way was not: no preflight finds it.
            continue;
          }
          this.#methods.add(method);
          if (!entry.methods.includes(method)) entry.methods.push(method);
        } else if (prior.cors !== cors) {
          // A variant by a constraint a preflight does not carry (a true duplicate is Fastify's to report).
          throw new CorsConfigError([
            problem('route.variants-differ', ['routes', label, 'config', 'cors'], cors?.source, 'differs between variants a preflight cannot tell apart (by Accept-Version or a custom constraint)', 'give the variants one config.cors object'),
          ]);
        }
      }
    }
  }

  /** The route serving `method` at `url` (a request URL, query allowed) for `host`, if any. */
  find(method: string, url: string, host: string): MirroredRoute | undefined {
    // Only methods some route implements reach the router: the method is the client's
    // Access-Control-Request-Method, not a name Fastify validated.
    if (!this.#methods.has(method)) return undefined;
    return this.#router.find(method as Method, url, { host })?.store as MirroredRoute | undefined;
  }

  /** The routes serving `url` for `host`, by method. */
  routesAt(url: string, host: string): [string, MirroredRoute][] {
    const routes: [string, MirroredRoute][] = [];
    for (const method of this.#methods) {
      const found = this.#router.find(method as Method, url, { host });
      if (found !== null) routes.push([method, found.store as MirroredRoute]);
    }
    return routes;
  }
}
