export { withCors } from './with-cors.js';
export type { BunHandlerResult } from './types.js';
// The whole core API, so Bun users need one import; `withCors` above replaces core's.
export {
  cors,
  createCorsEngine,
  policyFor,
  CorsConfigError,
  describeRefusal,
  DEFAULT_ALLOW_HEADERS,
  DEFAULT_MAX_AGE,
  DEFAULT_PREFLIGHT_STATUS,
  DEFAULT_METHODS,
  MAX_REQUEST_HEADERS_COUNT,
  MAX_REQUEST_HEADERS_LENGTH,
  MAX_ORIGIN_LENGTH,
} from '@portcullis/core';
export type * from '@portcullis/core';
