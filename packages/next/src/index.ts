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
export { cors } from './next-policy.js';
export type { CorsProxy, Proxy, ProxyResult } from './proxy.js';
// The core's user API, so one import is enough; `withCors` and `cors` above are this package's own.
export * from '@portcullis/core';
