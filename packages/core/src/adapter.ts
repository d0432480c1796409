/**
 * What framework adapters need beyond the user API: the decision engine on plain header values
 * (`createCorsEngine`), the protocol's names (`protocol`), and the helpers every adapter
 * shares. See ADAPTERS.md in the package for the contract.
 *
 * @module
 */
export { createCorsEngine } from './engine.js';
export type { CorsEngine, Out } from './engine.js';
export type { RequestAccess } from './request-access.js';
export { fetchRequestAccess } from './request-access.js';
export { engineOf, policyFor } from './policy.js';
export { isCorsPolicy } from './choose-policy.js';
export { formatProblemPath } from './config-error.js';
export { isThenable, settle } from './maybe-promise.js';
export { mergeVaryValue } from './vary.js';
export { decisionApplier } from './apply-decision.js';
export type { ApplyDecision, HeaderWriter } from './apply-decision.js';
export { explainRefusal } from './refusal-text.js';
export { formatRefusalLog } from './refusal-reports.js';
export { routeMethods } from './methods.js';
/** The CORS protocol's header names, method sets and rules, as one namespace. */
export * as protocol from './protocol-namespace.js';
export { isPreflight } from './protocol.js';
export { MAX_REQUEST_HEADERS_COUNT, MAX_REQUEST_HEADERS_LENGTH } from './request-headers.js';
export { MAX_ORIGIN_LENGTH } from './origin-matcher.js';
export { DEFAULT_ALLOW_HEADERS, DEFAULT_MAX_AGE, DEFAULT_METHODS, DEFAULT_PREFLIGHT_STATUS } from './resolved-config.js';
export type { ResolvedConfig, ResolvedHeaders, ResolvedMethods, ResolvedOrigin } from './resolved-config.js';
export type { OriginPattern } from './parse-origin.js';
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
} from './types.js';
