// Every scenario under /s/<scenario>/...: the scenario's policy applied by @portcullis/next's
// `withCors` to the shared application, exactly as a route module would export it. One
// `withCors` per scenario (a policy is per route module in real apps; here the dynamic segment
// picks which), built on first use because the page origins are known only at `next start`.

import { readFileSync } from 'node:fs';
import { withCors } from '@portcullis/next';
import type { NextRequest } from 'next/server';
import { createApp } from '../../../../../src/app.ts';
import { originsFromEnv, ORIGINS_ENV, policies } from '../../../../../src/scenario-router.ts';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ scenario: string; rest: string[] }> };
type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS';
type Handler = (request: NextRequest, context: Context) => Response | Promise<Response>;

let routes: Map<string, Record<Method, Handler>> | undefined;

function scenarioRoutes(): Map<string, Record<Method, Handler>> {
  if (routes) return routes;
  const app = createApp({ font: readFileSync(process.env.CONFORMANCE_FONT_PATH!) });
  const handler = (request: NextRequest, _context: Context) => app(request);
  routes = new Map();
  for (const [name, options] of policies(originsFromEnv(process.env[ORIGINS_ENV]))) {
    // Taken all at once, as a route module exports them (withCors reports a route that never
    // takes its OPTIONS). The application's own OPTIONS handler: a non-preflight OPTIONS must reach it.
    const route = {
      ...withCors(
        { GET: handler, HEAD: handler, POST: handler, PUT: handler, DELETE: handler, PATCH: handler, OPTIONS: handler },
        options,
      ),
    };
    routes.set(name, route as unknown as Record<Method, Handler>);
  }
  return routes;
}

function dispatch(method: Method): Handler {
  return async (request, context) => {
    const { scenario } = await context.params;
    const route = scenarioRoutes().get(scenario);
    if (!route) return new Response('no such scenario', { status: 404 });
    return route[method](request, context);
  };
}

export const GET = dispatch('GET');
export const HEAD = dispatch('HEAD');
export const POST = dispatch('POST');
export const PUT = dispatch('PUT');
export const DELETE = dispatch('DELETE');
export const PATCH = dispatch('PATCH');
export const OPTIONS = dispatch('OPTIONS');
