/**
 * CORS for Express, Connect and plain `node:http`, with every decision made by
 * `@portcullis/core`: `app.use(cors({ origin: 'https://myapp.es' }))`, or
 * `http.createServer(withCors(listener, options))`. Koa's middleware is in
 * `@portcullis/node/koa`.
 *
 * @module
 */
export { cors, corsByRequest } from './connect.js';
export type { CorsMiddleware } from './connect.js';
export { withCors } from './with-cors.js';
export { CorsConfigError, REFUSAL_HEADER } from '@portcullis/core';
export type { CorsConfigProblem, CorsRefusal, CorsRefusalCode, KnownMethod, ProblemPathSegment } from '@portcullis/core';
export type { CorsOptions, CorsRefusalEvent, OriginFunction, OriginOption, RefusalListener } from './types.js';
