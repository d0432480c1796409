// @portcullis/fastify: the plugin, its types, and the core names a Fastify user needs.

import type { CorsDecision } from '@portcullis/core/adapter';
import type { FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';
import { portcullisPlugin } from './plugin.js';
import type { PortcullisFastifyOptions, RouteCorsOptions } from './types.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * CORS for this route and its preflights: options merged over the plugin's, or `false` to
     * leave the route's responses and preflights alone.
     */
    cors?: false | RouteCorsOptions;
  }
  interface FastifyRequest {
    /**
     * What @portcullis/fastify decided for this request: a preflight decision (also on an
     * OPTIONS route with `preflight: 'continue'`), or an actual request's, once its `onRequest`
     * hook has run; null when CORS does not apply to the request.
     */
    readonly corsDecision: CorsDecision | null;
  }
}

/**
 * CORS for a Fastify 5 application, or for the scope you register it in. Register it before
 * your routes: `await app.register(portcullis, { origin: ['https://myapp.es'] })`.
 * A wrong configuration makes `register`/`ready` reject with CorsConfigError.
 */
const portcullis: FastifyPluginCallback<PortcullisFastifyOptions> = fp(portcullisPlugin as FastifyPluginCallback<PortcullisFastifyOptions>, {
  fastify: '5.x',
  name: '@portcullis/fastify',
});

export default portcullis;
export { portcullis };
export { isPreflight } from './fastify-request.js';
export { explainRouteRefusal } from './refusals.js';
export type {
  ChosenPolicyOptions,
  FastifyCorsOptions,
  FastifyRefusalEvent,
  FastifyRefusalListener,
  OnePolicyOptions,
  PluginBehaviour,
  PortcullisFastifyOptions,
  RouteCorsOptions,
  RouteRefusal,
  RouteRefusalEvent,
} from './types.js';
export { CorsConfigError, REFUSAL_HEADER } from '@portcullis/core';
export type {
  CorsConfigProblem,
  CorsOptions,
  CorsRefusal,
  CorsRefusalCode,
  CorsRefusalEvent,
  KnownMethod,
  OriginFunction,
  OriginOption,
  ProblemPathSegment,
} from '@portcullis/core';
export type {
  ActualDecision,
  AllowedActualDecision,
  AllowedPreflightDecision,
  CorsDecision,
  CorsHeaderList,
  NotCorsDecision,
  PreflightDecision,
  RefusedActualDecision,
  RefusedPreflightDecision,
  RefusedWriteDecision,
} from '@portcullis/core/adapter';
