// itty-router's cors(): `preflight` before the routes, `corsify` after them. Its cost is the
// difference between a router with and without the pair.

import { Router, cors } from 'itty-router';
import { bareHandler } from '../scenarios.mjs';

export const id = 'itty';
export const label = 'itty-router cors()';
export const app = 'itty-router';

function router(pair) {
  const r = pair === undefined ? Router() : Router({ before: [pair.preflight], finally: [pair.corsify] });
  r.all('*', () => bareHandler());
  return (request) => r.fetch(request);
}

export function create(policy) {
  return {
    without: router(undefined),
    with: router(
      cors({
        origin: policy.origins,
        allowMethods: policy.methods,
        allowHeaders: policy.allowHeaders,
        credentials: policy.credentials,
        maxAge: policy.maxAge,
      }),
    ),
  };
}
