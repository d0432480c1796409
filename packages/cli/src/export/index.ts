// `exportConfig(server, options)`: a CORS policy written as nginx, Apache httpd or Caddy
// configuration, from the plan every server shares (plan.ts). A snippet to include in an
// existing configuration by default; with `standalone`, a complete one proxying to an upstream.

import { apacheSnippet, apacheStandalone } from './apache.js';
import { caddySnippet, caddyStandalone } from './caddy.js';
import { ExportError } from './exportable.js';
import { nginxSnippet, nginxStandalone } from './nginx.js';
import { planPolicy, type ExportPlan } from './plan.js';
import { checkRoutePath, checkStandalone, WEB_SERVERS, type Route, type Standalone, type WebServer } from './settings.js';

export { ExportError, type ExportErrorCode } from './exportable.js';
export { WEB_SERVERS, type Standalone, type WebServer } from './settings.js';

/** How `exportConfig` writes the configuration. */
export interface ExportSettings {
  /** A complete configuration that listens and proxies to an upstream, instead of a snippet. */
  readonly standalone?: Standalone | undefined;
}

/** A policy and the path prefix it guards, for a complete configuration with several policies. */
export interface ExportRoute {
  /** `/`, or a prefix such as `/api/`. */
  readonly path: string;
  /** Core options, as for `cors()`. */
  readonly policy: unknown;
}

function checkServer(server: string): WebServer {
  if (!(WEB_SERVERS as readonly string[]).includes(server)) {
    throw new ExportError('export.unknown-server', `'${server}' is not a server export writes for`, `use ${WEB_SERVERS.join(', ')}`);
  }
  return server as WebServer;
}

const SNIPPETS: Readonly<Record<WebServer, (plan: ExportPlan) => string>> = { nginx: nginxSnippet, apache: apacheSnippet, caddy: caddySnippet };
const STANDALONES: Readonly<Record<WebServer, (routes: readonly Route[], standalone: Standalone) => string>> = {
  nginx: nginxStandalone,
  apache: apacheStandalone,
  caddy: caddyStandalone,
};

/**
 * The configuration that makes `server` answer as `cors(options)` does. Throws the core's
 * CorsConfigError for an invalid policy, and ExportError for one a web server cannot express
 * (an origin function, onRefusal...) or for wrong settings.
 */
export function exportConfig(server: WebServer, options: unknown, settings: ExportSettings = {}): string {
  const checked = checkServer(server);
  const plan = planPolicy(options);
  if (settings.standalone === undefined) return SNIPPETS[checked](plan);
  return STANDALONES[checked]([{ path: '/', plan }], checkStandalone(settings.standalone));
}

/** A complete configuration guarding each path prefix with its own policy (paths outside them are not served). */
export function exportRoutes(server: WebServer, routes: readonly ExportRoute[], standalone: Standalone): string {
  const checked = checkServer(server);
  const planned = routes.map((route) => ({ path: checkRoutePath(route.path), plan: planPolicy(route.policy) }));
  return STANDALONES[checked](planned, checkStandalone(standalone));
}
