// @portcullis/deno: the core API, with a `withCors` that also accepts Deno's `{ fetch }`
// default export. The explicit export below takes precedence over core's `withCors`.
export * from '@portcullis/core';
export { withCors } from './with-cors.js';
export type { CorsServeDefinition, CorsServeHandler, ServeDefinition, ServeHandler } from './with-cors.js';
