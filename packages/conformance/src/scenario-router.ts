// One server, every scenario: each scenario's policy guards the same application under
// `/s/<scenario>/`. `wrap` is the adapter under test (core's `withCors`, Bun's, Deno's...), so
// the adapter makes every CORS decision; this module only picks the wrapped handler by path.

import type { CorsOptions } from '@portcullis/core';
import { createApp, parseScenarioPath, type AppAssets } from './app.ts';
import type { PageOrigins } from './scenario-types.ts';
import { scenarios } from './scenarios.ts';

type Handler<Rest extends unknown[]> = (request: Request, ...rest: Rest) => Response | Promise<Response>;

/** Where a target learns the page origins the policies are written for. */
export const ORIGINS_ENV = 'CONFORMANCE_PAGE_ORIGINS';

export function originsFromEnv(value: string | undefined): PageOrigins {
  if (!value) throw new Error(`${ORIGINS_ENV} is not set (expected {"page": ..., "other": ...})`);
  return JSON.parse(value) as PageOrigins;
}

/** The policies of every scenario, by name, for the given page origins. */
export function policies(origins: PageOrigins): Map<string, CorsOptions<unknown>> {
  return new Map(scenarios.map((s) => [s.name, s.policy(origins)]));
}

export function scenarioRouter<Rest extends unknown[]>(
  origins: PageOrigins,
  assets: AppAssets,
  wrap: (handler: Handler<Rest>, options: CorsOptions<unknown>) => (request: Request, ...rest: Rest) => unknown,
): Handler<Rest> {
  const app = createApp(assets);
  const application = (request: Request, ..._rest: Rest) => app(request);
  const handlers = new Map<string, (request: Request, ...rest: Rest) => unknown>();
  for (const [name, options] of policies(origins)) handlers.set(name, wrap(application, options));
  return async (request, ...rest) => {
    const path = parseScenarioPath(new URL(request.url).pathname);
    const handler = path && handlers.get(path.scenario);
    if (!handler) return new Response('no such scenario', { status: 404 });
    return (await handler(request, ...rest)) as Response;
  };
}
