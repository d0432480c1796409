// Where a complete configuration listens and what it proxies to, checked before any server's
// syntax sees them: a `host:port` to listen on and an `http(s)://host[:port]` upstream.

import { ExportError } from './exportable.js';
import type { ExportPlan } from './plan.js';

/** The servers `exportConfig` writes for. */
export const WEB_SERVERS = ['nginx', 'apache', 'caddy'] as const;
export type WebServer = (typeof WEB_SERVERS)[number];

/** What a complete configuration needs beyond the policy. */
export interface Standalone {
  /** `host:port` to listen on, e.g. `127.0.0.1:8080` or `[::1]:8080`. */
  readonly listen: string;
  /** The API to proxy to, `http(s)://host[:port]`, without a path. */
  readonly upstream: string;
}

/** A policy and the path prefix it guards (`/` for the whole site). */
export interface Route {
  readonly path: string;
  readonly plan: ExportPlan;
}

const LISTEN = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):[0-9]{1,5}$/;

/** The settings, checked; throws ExportError saying what is wrong and how to write it. */
export function checkStandalone(standalone: Standalone): Standalone {
  if (!LISTEN.test(standalone.listen) || Number(standalone.listen.slice(standalone.listen.lastIndexOf(':') + 1)) > 65535) {
    throw new ExportError('export.invalid-setting', `listen '${standalone.listen}' is not host:port`, 'write it as 127.0.0.1:8080');
  }
  let url: URL;
  try {
    url = new URL(standalone.upstream);
  } catch {
    throw new ExportError('export.invalid-setting', `upstream '${standalone.upstream}' is not a URL`, 'write it as http://127.0.0.1:3000');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ExportError('export.invalid-setting', `upstream '${standalone.upstream}' must be http(s)://host[:port] without a path`, `write it as ${url.protocol === 'https:' ? 'https' : 'http'}://${url.host}`);
  }
  return { listen: standalone.listen, upstream: `${url.protocol}//${url.host}` };
}

/** A path prefix for a route: `/`, or `/api/` (starting and ending with a slash, plain characters). */
export function checkRoutePath(path: string): string {
  if (!/^\/(?:[A-Za-z0-9._~-]+\/)*$/.test(path)) {
    throw new ExportError('export.invalid-setting', `route path '${path}' is not a plain path prefix`, 'write it as / or /api/');
  }
  return path;
}
