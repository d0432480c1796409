export { withCors, ROUTE_METHODS } from './route-handlers.js';
export type {
  CorsRoute,
  CorsRouteHandler,
  DefaultOptionsHandler,
  RouteHandler,
  RouteHandlers,
  RouteMethod,
} from './route-handlers.js';
export { corsProxy } from './proxy.js';
export type { CorsProxy, Proxy, ProxyResult } from './proxy.js';
export { CorsConfigError, describeRefusal } from '@portcullis/core';
export type { CorsConfigProblem, CorsOptions, SyncCorsOptions } from '@portcullis/core';
