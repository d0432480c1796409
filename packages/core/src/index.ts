export { cors, withCors, policyFor } from './policy.js';
export type { CorsPolicy, HandlerResult, WrappedResult } from './policy.js';
export { createCorsEngine } from './engine.js';
export type { CorsEngine } from './engine.js';
export { CorsConfigError } from './config-error.js';
export type { CorsConfigProblem } from './config-error.js';
export { describeRefusal, REFUSAL_HEADER } from './describe-refusal.js';
export { mergeVaryValue } from './vary.js';
export { isThenable } from './maybe-promise.js';
export {
  DEFAULT_ALLOW_HEADERS,
  DEFAULT_MAX_AGE,
  DEFAULT_PREFLIGHT_STATUS,
} from './validate-config.js';
export type { ResolvedConfig, ResolvedOrigin } from './validate-config.js';
export { DEFAULT_METHODS } from './methods.js';
export { MAX_REQUEST_HEADERS_COUNT, MAX_REQUEST_HEADERS_LENGTH } from './request-headers.js';
export { MAX_ORIGIN_LENGTH } from './origin-matcher.js';
export type { OriginPattern } from './parse-origin.js';
export type {
  AllowedActualDecision,
  AllowedPreflightDecision,
  CorsDecision,
  CorsHeaderList,
  CorsOptions,
  CorsRefusal,
  KnownMethod,
  MaybePromise,
  NotCorsDecision,
  OriginFunction,
  OriginOption,
  RefusedActualDecision,
  RefusedPreflightDecision,
  SyncCorsOptions,
  SyncOriginFunction,
} from './types.js';
