/**
 * What framework adapters need beyond the user API: the decision engine on plain header values
 * (`createCorsEngine`), the protocol's names (`protocol`), and the helpers every adapter
 * shares. See ADAPTERS.md in the package for the contract.
 *
 * @module
 */
export { createCorsEngine } from './engine.js';
export type { CorsEngine } from './engine.js';
export type { RequestAccess } from './request-access.js';
export { policyFor } from './policy.js';
export type { PolicySync } from './policy.js';
export { isCorsPolicy } from './choose-policy.js';
export { isThenable, settle } from './maybe-promise.js';
export { decisionApplier } from './apply-decision.js';
export type { HeaderWriter } from './apply-decision.js';
export { explainRefusal } from './refusal-text.js';
export { formatRefusalLog } from './refusal-reports.js';
/** The CORS protocol's header names, method sets and rules, as one namespace. */
export * as protocol from './protocol-namespace.js';
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
