// The public types: the plugin's options, a route's `config.cors`, and the refusals the plugin
// reports beyond the core's. Values live elsewhere; this module has no runtime code.

import type { CorsOptions, CorsRefusalEvent } from '@portcullis/core';
import type { FastifyRequest, LogLevel } from 'fastify';

/**
 * A refusal only a router can make: the preflight asks about a route that does not exist, or
 * about one the plugin never saw. Reported through `onRefusal` like the core's refusals.
 */
export type RouteRefusal =
  /** No route serves `method` at `path` (a route for another method may exist there). */
  | {
      readonly code: 'route.not-found';
      readonly origin: string;
      readonly method: string;
      readonly path: string;
      /** The methods routes do serve at `path`. */
      readonly methodsHere: readonly string[];
    }
  /** Fastify has a route for `method` at `path`, registered before the plugin (or outside its scope). */
  | { readonly code: 'route.unseen'; readonly origin: string; readonly method: string; readonly path: string };

/** What `onRefusal` receives for a {@link RouteRefusal}: the same shape as the core's events. */
export interface RouteRefusalEvent {
  readonly kind: 'preflight';
  readonly code: RouteRefusal['code'];
  readonly refusal: RouteRefusal;
  readonly origin: string;
  /** The requested method (`Access-Control-Request-Method`). */
  readonly method: string;
  readonly requestHeaders: string | null;
  readonly message: string;
  readonly fix: string;
  readonly request: FastifyRequest;
}

/** Every event `onRefusal` receives in Fastify: the core's, and the router's own. */
export type FastifyRefusalEvent = CorsRefusalEvent<FastifyRequest> | RouteRefusalEvent;

export type FastifyRefusalListener = (event: FastifyRefusalEvent) => void;

/**
 * The core options, with origin functions receiving the `FastifyRequest`. `onRefusal: 'log'`
 * logs through the request's logger (`request.log.warn`), and a listener also receives the
 * router's own refusals ({@link RouteRefusalEvent}).
 */
export type FastifyCorsOptions = Omit<CorsOptions<FastifyRequest>, 'onRefusal'> & {
  /**
   * Called with every refusal, after the answer is decided. `'log'`: one `request.log.warn`
   * line per refusal, with the event's fields under `cors`.
   * @default none
   */
  onRefusal?: 'log' | FastifyRefusalListener | undefined;
};

/** How the plugin behaves, whatever its policies. */
export interface PluginBehaviour {
  /**
   * `false`: the plugin answers no preflight; they go to your OPTIONS routes or Fastify's 404,
   * while actual requests still get their CORS headers. To turn a route's CORS off entirely,
   * use `config: { cors: false }` on it instead.
   * @default true
   */
  preflight?: boolean | undefined;
  /**
   * The log level of the requests the plugin answers as preflights, from its `onRequest` hook
   * on: Fastify's `request completed` line and the plugin's refusal lines follow it. Fastify
   * writes `incoming request` before any hook runs; see the README to drop that line too.
   * @default the route's level
   */
  preflightLogLevel?: LogLevel | undefined;
}

/** One policy for every route: the core options, plus {@link PluginBehaviour}. */
export type OnePolicyOptions = FastifyCorsOptions &
  PluginBehaviour & {
    policies?: undefined;
    choosePolicy?: undefined;
  };

/**
 * Several policies, built and validated at registration, one chosen per request (what
 * `@fastify/cors` does with `delegator`, without building options per request).
 */
export interface ChosenPolicyOptions<Name extends string = string> extends PluginBehaviour {
  /** The policies by name; each is a complete set of core options. */
  policies: Readonly<Record<Name, FastifyCorsOptions>>;
  /**
   * Picks the policy for a request (preflights included: then `request.method` is OPTIONS
   * and the requested method is `Access-Control-Request-Method`), or `false` for no CORS.
   * Synchronous. Choose by URL or host, which caches key on; choosing by another header makes
   * responses depend on it, so add that header to `Vary` yourself.
   */
  choosePolicy: (request: FastifyRequest) => Name | false;
  origin?: undefined;
}

/** The plugin's options: one policy, or named policies and a chooser. */
export type PortcullisFastifyOptions = OnePolicyOptions | ChosenPolicyOptions;

/**
 * A route's `config.cors`: options merged over the plugin's (over each named policy, with
 * `policies`), validated when the route is registered.
 */
export type RouteCorsOptions = Partial<FastifyCorsOptions> & {
  /**
   * `'continue'`, on a route that handles OPTIONS: preflights Fastify routes to it reach its
   * handler with `request.corsDecision` instead of being answered by the plugin. The decision
   * still comes from the route the browser is about to call; its headers are set on the
   * handler's reply (its status and body are the handler's).
   */
  preflight?: 'continue' | undefined;
};
