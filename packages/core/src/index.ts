// @portcullis/core: CORS for any WHATWG Fetch API handler. This entry is the user API; what
// only adapters need is in `@portcullis/core/adapter`.
export { cors, withCors } from './policy.js';
export type { CorsPolicy, HandlerResult, WrappedResult } from './policy.js';
export { corsByRequest } from './choose-policy.js';
export { CorsConfigError } from './config-error.js';
export type { CorsConfigProblem, ProblemPathSegment } from './config-error.js';
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
  SyncOriginFunction,
} from './types.js';
