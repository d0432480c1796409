import type { CorsOptions } from '@portcullis/core';
import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { portcullisPlugin } from './plugin.js';

/** The plugin's options: the core options, with origin functions receiving the FastifyRequest. */
export type PortcullisFastifyOptions = CorsOptions<FastifyRequest>;

/**
 * A route's `config.cors`: options merged over the plugin's (so `{ credentials: false }` alone
 * keeps the plugin's origins), validated when the route is registered.
 */
export type RouteCorsOptions = Partial<CorsOptions<FastifyRequest>>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * CORS for this route and its preflights: options merged over the plugin's, or `false` to
     * leave the route's responses and preflights alone.
     */
    cors?: false | RouteCorsOptions;
  }
}

/**
 * CORS for a whole Fastify 5 app. Register it before your routes:
 * `await app.register(portcullis, { origin: ['https://myapp.es'] })`.
 * A wrong configuration makes `register`/`ready` reject with CorsConfigError.
 */
const portcullis: FastifyPluginCallback<PortcullisFastifyOptions> = fp(portcullisPlugin, {
  fastify: '5.x',
  name: '@portcullis/fastify',
});

export default portcullis;
export { portcullis };
export { CorsConfigError, describeRefusal } from '@portcullis/core';
export type { CorsConfigProblem, CorsOptions, OriginFunction } from '@portcullis/core';
