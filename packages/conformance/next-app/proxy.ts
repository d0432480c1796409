// The `next-proxy` column: @portcullis/next's `corsProxy` in the app's `proxy.ts`, covering
// `/p/...` only (`config.matcher`), in front of route handlers that know nothing about CORS
// (app/p/). A proxy module has one export, so each scenario's `corsProxy` is built once and
// picked by the scenario segment of the path, as the route handlers under /s/ pick their
// `withCors`; every CORS decision stays the adapter's. Built on first use because the page
// origins are known only at `next start`.

import { corsProxy, type CorsProxy } from '@portcullis/next';
import type { NextFetchEvent, NextRequest } from 'next/server';
import { parseScenarioPath } from '../src/app.ts';
import { originsFromEnv, ORIGINS_ENV, policies } from '../src/scenario-router.ts';

let proxies: Map<string, CorsProxy> | undefined;

function scenarioProxies(): Map<string, CorsProxy> {
  if (proxies) return proxies;
  proxies = new Map();
  for (const [name, options] of policies(originsFromEnv(process.env[ORIGINS_ENV]))) {
    proxies.set(name, corsProxy(options));
  }
  return proxies;
}

export function proxy(request: NextRequest, event: NextFetchEvent): Response | Promise<Response> {
  const path = parseScenarioPath(request.nextUrl.pathname);
  const scenarioProxy = path && scenarioProxies().get(path.scenario);
  if (!scenarioProxy) return new Response('no such scenario', { status: 404 });
  return scenarioProxy(request, event);
}

// Route handlers only: Next's page renderer replaces `Vary`, so pages are never behind it.
export const config = { matcher: '/p/:path*' };
