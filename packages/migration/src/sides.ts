// Both sides of a row, started from its texts: the peer library mounted as its documentation
// does, and Portcullis (the translation, or the peer's text as it is) in front of the same
// application. Portcullis's onRefusal is recorded for the checks.

import { cors as portcullisCors, corsByRequest, CorsConfigError, type CorsConfigProblem, type CorsOptions, type CorsPolicy, type CorsRefusalEvent } from '@portcullis/core';
import corsPackage from 'cors';
import type { RequestHandler } from 'express';
import type { MiddlewareHandler } from 'hono';
import { cors as honoCors } from 'hono/cors';
import { cors as ittyCors } from 'itty-router';
import { fetchApp, Reached } from './app.js';
import { evaluate } from './evaluate.js';
import type { Row } from './rows.js';
import { expressServer, fetchServer, honoServer, ittyServer, type IttyCors, type Server } from './servers.js';

export type PeerName = 'cors' | 'hono' | 'itty-router';

function fail(row: Row, what: string): never {
  throw new Error(`${row.id}: ${what}`);
}

/** The peer of `name`, configured by `row.peer` and started. */
export async function startPeer(name: PeerName, row: Row): Promise<Server> {
  switch (name) {
    case 'cors': {
      const middleware = evaluate(row.peer, { cors: corsPackage, ...row.scope });
      if (typeof middleware !== 'function') fail(row, 'the cors text is not middleware');
      const corsMiddleware = middleware as RequestHandler;
      return expressServer((app, handler) => {
        if (row.mount !== undefined) row.mount(app, corsMiddleware, handler);
        else app.use(corsMiddleware, handler);
      }, row.appHeaders);
    }
    case 'hono': {
      const middleware = evaluate(row.peer, { cors: honoCors, ...row.scope });
      if (typeof middleware !== 'function') fail(row, 'the hono text is not middleware');
      return honoServer(middleware as MiddlewareHandler, row.appHeaders);
    }
    case 'itty-router': {
      const pair = evaluate(row.peer, { cors: ittyCors, ...row.scope });
      if (typeof pair !== 'object' || pair === null || !('preflight' in pair) || !('corsify' in pair)) fail(row, 'the itty-router text is not a { preflight, corsify } pair');
      return ittyServer(pair as IttyCors, row.appHeaders);
    }
  }
}

function isPolicy(value: unknown): value is CorsPolicy {
  return typeof value === 'object' && value !== null && typeof (value as { wrap?: unknown }).wrap === 'function';
}

/** Portcullis's `cors`, reporting refusals to `events` unless the options have their own listener. */
function recordingCors(events: CorsRefusalEvent[]): (options: unknown) => CorsPolicy {
  return (options) => {
    const plain = typeof options === 'object' && options !== null && !Array.isArray(options) && !Object.hasOwn(options, 'onRefusal');
    const given = plain ? { ...options, onRefusal: (event: CorsRefusalEvent) => void events.push(event) } : options;
    return portcullisCors(given as CorsOptions);
  };
}

/** Portcullis as the row translates the peer (or with the peer's text as it is). */
export function startPortcullis(row: Row, events: CorsRefusalEvent[]): Server {
  const reached = new Reached();
  const app = fetchApp(reached, row.appHeaders);
  if (typeof row.portcullis === 'object') return fetchServer(row.portcullis.build(app), reached);
  const policy = evaluate(row.portcullis ?? row.peer, { cors: recordingCors(events), corsByRequest, ...row.scope });
  if (!isPolicy(policy)) fail(row, 'the Portcullis text is not a policy');
  return fetchServer(policy.wrap(app), reached);
}

/** The problems Portcullis's cors() reports for `text`, or 'accepted'. */
export function whatCoreSays(text: string, row: Row): 'accepted' | readonly CorsConfigProblem[] {
  try {
    evaluate(text, { cors: portcullisCors, corsByRequest, ...row.scope });
    return 'accepted';
  } catch (error) {
    if (error instanceof CorsConfigError) return error.problems;
    throw error;
  }
}
