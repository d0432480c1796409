/**
 * CORS for any WHATWG Fetch API handler, faithful to the Fetch Standard and validated when you
 * configure it: `cors(options).wrap(handler)`. This entry is the user API; what only framework
 * adapters need is in `@portcullis/core/adapter`.
 *
 * @example
 * ```ts
 * import { cors } from '@portcullis/core';
 *
 * const policy = cors({ origin: ['https://myapp.es', 'https://*.myapp.es'], credentials: true });
 * export default { fetch: policy.wrap((request: Request) => Response.json({ ok: true })) };
 * ```
 *
 * @module
 */
export { cors, withCors } from './policy.js';
export type { CorsPolicy, HandlerResult, WrappedResult } from './policy.js';
// CorsPolicy's methods return Out: a type the user API names belongs to the user API.
export type { Out } from './engine.js';
export { corsByRequest } from './choose-policy.js';
export { CorsConfigError } from './config-error.js';
export type { CorsConfigProblem, ProblemPathSegment } from './config-error.js';
export type { CorsConfigProblemCode } from './problem-codes.js';
export { REFUSAL_HEADER } from './protocol.js';
export type {
  CorsOptions,
  CorsRefusal,
  CorsRefusalCode,
  CorsRefusalEvent,
  KnownMethod,
  MaybePromise,
  OriginFunction,
  OriginOption,
  RefusalListener,
  SyncCorsOptions,
} from './types.js';
