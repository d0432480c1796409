// @portcullis/fastify: the plugin, its types, and the core names a Fastify user needs.

import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { portcullisPlugin } from './plugin.js';
import type { PortcullisFastifyOptions, RouteCorsOptions } from './types.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * CORS for this route and its preflights: options merged over the plugin's, or `false` for
     * no cross-origin access (no CORS headers, preflights left to Fastify, writes from other
     * origins refused).
     */
    cors?: false | RouteCorsOptions;
  }
}

/**
 * CORS for a Fastify 5 application, or for the scope you register it in, whenever and however
 * it is registered: `app.register(portcullis, { origin: ['https://myapp.es'] })`.
 * A wrong configuration (of the plugin, or of a route's `config.cors`) makes `ready`/`listen`
 * reject with CorsConfigError.
 */
const portcullis: FastifyPluginAsync<PortcullisFastifyOptions> = fp(portcullisPlugin as FastifyPluginAsync<PortcullisFastifyOptions>, {
  fastify: '5.x',
  name: '@portcullis/fastify',
});

export default portcullis;
export { portcullis };
export { isPreflight } from './fastify-request.js';
export type {
  ChosenPolicyOptions,
  FastifyCorsOptions,
  FastifyRefusalEvent,
  FastifyRefusalListener,
  OnePolicyOptions,
  PluginBehaviour,
  PortcullisFastifyOptions,
  RouteCorsOptions,
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
