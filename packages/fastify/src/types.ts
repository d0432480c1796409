// The public types: the plugin's options, a route's `config.cors`, and what `onRefusal`
// receives. Values live elsewhere; this module has no runtime code.

import type { CorsOptions, CorsRefusalEvent } from '@portcullis/core';
import type { FastifyRequest } from 'fastify';

/** What `onRefusal` receives: the core's event, `request` being the `FastifyRequest`. */
export type FastifyRefusalEvent = CorsRefusalEvent<FastifyRequest>;

export type FastifyRefusalListener = (event: FastifyRefusalEvent) => void;

/**
 * The core options, with origin functions receiving the `FastifyRequest`. `onRefusal: 'log'`
 * logs through the request's logger (`request.log.warn`).
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
export type ChosenPolicyOptions<Name extends string = string> = Partial<FastifyCorsOptions> &
  PluginBehaviour & {
    /** The policies by name, each merged over the options beside `policies` (shared by all). */
    policies: Readonly<Record<Name, Partial<FastifyCorsOptions>>>;
    /**
     * Picks the policy for a request, or `false` for none: then other origins get no CORS
     * headers, their preflights are left to Fastify, and their writes are refused. `route` is
     * the URL pattern of the route serving the request as Fastify matched it (`'/admin/:id'`,
     * prefix included; for a preflight, of the route the browser is about to call), undefined
     * when no route serves it. Choose by `route`, not by `request.url`, which is as the client
     * sent it: `/%61dmin/1` and `//admin/1` can reach `/admin/:id`. Synchronous. Choosing by a
     * request header makes responses depend on it: add that header to `Vary` yourself.
     */
    choosePolicy: (request: FastifyRequest, route: string | undefined) => Name | false;
  };

/** The plugin's options: one policy, or named policies and a chooser. */
export type PortcullisFastifyOptions = OnePolicyOptions | ChosenPolicyOptions;

/**
 * A route's `config.cors`: options merged over the plugin's (over each named policy, with
 * `policies`), validated at start-up.
 */
export type RouteCorsOptions = Partial<FastifyCorsOptions>;
