export { withCors } from './route-handlers.js';
export type { CorsRoute, RouteHandlers } from './route-handlers.js';
export { corsProxy } from './proxy.js';
export type { CorsProxy, Proxy } from './proxy.js';
export { cors } from './next-policy.js';
// The core's user API, so one import is enough; `withCors` and `cors` above are this package's own.
export * from '@portcullis/core';
