// Hono's cors middleware. Its cost is the difference between a Hono app with it and the same
// app without it; the route answers every method so both apps do the same work.

import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { bareHandler } from '../scenarios.mjs';

export const id = 'hono';
export const label = 'hono/cors';
export const app = 'Hono';

function honoApp(middleware) {
  const hono = new Hono();
  if (middleware !== undefined) hono.use(middleware);
  hono.all('*', () => bareHandler());
  return (request) => hono.fetch(request);
}

export function create(policy) {
  return {
    without: honoApp(undefined),
    with: honoApp(
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
