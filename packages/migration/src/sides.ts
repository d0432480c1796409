// Both sides of a row, started from its texts: the peer library mounted as its documentation
// does, and Portcullis (the translation, or the peer's text as it is) in front of the same
// application: for `cors`, @portcullis/node's middleware in the same Express application;
// for the others, @portcullis/core around a Fetch handler. Portcullis's onRefusal is recorded
// for the checks.

import { cors as portcullisCors, corsByRequest, CorsConfigError, type CorsConfigProblem, type CorsOptions, type CorsPolicy, type CorsRefusalEvent } from '@portcullis/core';
import { cors as nodeCors, corsByRequest as nodeCorsByRequest } from '@portcullis/node';
import corsPackage from 'cors';
import type { RequestHandler } from 'express';
import type { MiddlewareHandler } from 'hono';
import { cors as honoCors } from 'hono/cors';
import { cors as ittyCors } from 'itty-router';
import { fetchApp, Reached } from './app.js';
import { evaluate } from './evaluate.js';
import type { ExpressRecipe, Row } from './rows.js';
import { expressServer, fetchServer, honoServer, ittyServer, type IttyCors, type Server } from './servers.js';

export type PeerName = 'cors' | 'hono' | 'itty-router';

function fail(row: Row, what: string): never {
  throw new Error(`${row.id}: ${what}`);
}

/** An Express server with `middleware` mounted as the row says (by default before the application). */
function expressWith(row: Row, middleware: unknown, what: string): Promise<Server> {
  if (typeof middleware !== 'function') fail(row, `the ${what} text is not middleware`);
  const corsMiddleware = middleware as RequestHandler;
  return expressServer((app, handler) => {
    if (row.mount !== undefined) row.mount(app, corsMiddleware, handler);
    else app.use(corsMiddleware, handler);
  }, row.appHeaders);
}

/** The peer of `name`, configured by `row.peer` and started. */
export async function startPeer(name: PeerName, row: Row): Promise<Server> {
  switch (name) {
    case 'cors':
      return expressWith(row, evaluate(row.peer, { cors: corsPackage, ...row.scope }), 'cors');
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

/** `cors`, reporting refusals to `events` unless the options have their own listener. */
function recording(cors: (options: never) => unknown, events: CorsRefusalEvent<unknown>[]): (options: unknown) => unknown {
  return (options) => {
    const plain = typeof options === 'object' && options !== null && !Array.isArray(options) && !Object.hasOwn(options, 'onRefusal');
    const given = plain ? { ...options, onRefusal: (event: CorsRefusalEvent<unknown>) => void events.push(event) } : options;
    return cors(given as never);
  };
}

/** The Portcullis that translates a peer: @portcullis/node for `cors` (Express), core for the others. */
function portcullisFor(peer: PeerName) {
  return peer === 'cors' ? { cors: nodeCors, corsByRequest: nodeCorsByRequest } : { cors: portcullisCors, corsByRequest };
}

const isExpressRecipe = (recipe: Row['portcullis']): recipe is ExpressRecipe => typeof recipe === 'object' && 'mount' in recipe;

/** Portcullis as the row translates the peer (or with the peer's text as it is). */
export async function startPortcullis(peer: PeerName, row: Row, events: CorsRefusalEvent<unknown>[]): Promise<Server> {
  const recipe = row.portcullis;
  if (isExpressRecipe(recipe)) return expressServer((app, handler) => recipe.mount(app, handler), row.appHeaders);
  const reached = new Reached();
  const app = fetchApp(reached, row.appHeaders);
  if (typeof recipe === 'object') return fetchServer(recipe.build(app), reached);
  const { cors, corsByRequest } = portcullisFor(peer);
  const translated = evaluate(recipe ?? row.peer, { cors: recording(cors, events), corsByRequest, ...row.scope });
  if (peer === 'cors') return expressWith(row, translated, 'Portcullis');
  if (!isPolicy(translated)) fail(row, 'the Portcullis text is not a policy');
  return fetchServer(translated.wrap(app), reached);
}

/** The problems the Portcullis that translates `peer` reports for `text`, or 'accepted'. */
export function whatCoreSays(peer: PeerName, text: string, row: Row): 'accepted' | readonly CorsConfigProblem[] {
  try {
    evaluate(text, { ...portcullisFor(peer), ...row.scope });
    return 'accepted';
  } catch (error) {
    if (error instanceof CorsConfigError) return error.problems;
    throw error;
  }
}
