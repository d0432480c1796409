/**
 * CORS for `Deno.serve`, `deno serve` and Deno Deploy, faithful to the Fetch Standard.
 * `withCors` wraps a `Deno.serve` handler, or the `{ fetch }` default export of `deno serve`
 * and Deno Deploy; the rest is the API of `@portcullis/core`, re-exported.
 *
 * @example
 * ```ts
 * import { withCors } from '@portcullis/deno';
 *
 * Deno.serve(withCors((request: Request) => Response.json({ ok: true }), { origin: 'https://myapp.es' }));
 * ```
 *
 * @module
 */
// The explicit export below takes precedence over core's `withCors`.
export * from '@portcullis/core';
export { withCors } from './with-cors.js';
export type { CorsServeDefinition, CorsServeHandler, ServeDefinition, ServeHandler } from './with-cors.js';
// withCors's signature names it, and JSR documents every type a public signature names.
export type { PolicySync } from '@portcullis/core/adapter';
