// What the plugin needs from an application before anything else is registered in it, so that
// nothing depends on when (or whether awaited) the plugin is registered:
// - every route, whenever and wherever it was registered. A preflight for `DELETE /items/7` is
//   routed to an OPTIONS route or to the 404 handler, never to the DELETE route whose
//   `config.cors` decides it, and Fastify offers no way to list its routes or to read another
//   route's config (`findRoute` returns neither). An `onRoute` hook sees only the routes added
//   after it: one added by the plugin would miss every route registered before the plugin
//   loads, all of them when `register` is not awaited;
// - the first `onRequest` hook, so that preflights are answered and cross-origin writes refused
//   before any other plugin's hook (Fastify runs them in the order they were added).
// Fastify's documented `fastify.initialization` diagnostics channel hands each application to
// its subscribers as it is created, before any plugin, hook or route. An application without
// the plugin pays one function call per request.

import { subscribe } from 'node:diagnostics_channel';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify';

type ReportedRoute = RouteOptions & { readonly routePath: string; readonly prefix: string };

/** One route, as Fastify reported it. */
export interface RouteRecord {
  /** The route's options; `config` and `constraints` are read at start-up, after every onRoute hook. */
  readonly options: RouteOptions;
  readonly methods: readonly string[];
  /** The URL pattern, prefix included. */
  readonly url: string;
  /** A prefixed plugin's `/` route, which Fastify also registers as `${url}/`, without onRoute. */
  readonly withSlash: boolean;
  /** The encapsulation context the route was registered in: its scope. */
  readonly instance: FastifyInstance;
}

export type RequestHook = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void;

export interface Application {
  /** Its root context. */
  readonly root: FastifyInstance;
  readonly routes: RouteRecord[];
  /**
   * False when the application was created before this module loaded: routes added before the
   * plugin are missing, and the plugin's onRequest hook runs after those added before it.
   */
  readonly complete: boolean;
  /** The plugin's onRequest hook, once it is registered. */
  onRequest: RequestHook | undefined;
}


/** On each root context, so that every context inside it inherits it. */
const APPLICATION = Symbol('@portcullis/fastify.application');

function recorder(book: Application): (this: FastifyInstance, route: RouteOptions) => void {
  return function recordRoute(this: FastifyInstance, route: RouteOptions) {
    const { routePath, prefix, prefixTrailingSlash } = route as ReportedRoute;
    book.routes.push({
      options: route,
      methods: typeof route.method === 'string' ? [route.method] : [...route.method],
      url: route.url,
      withSlash: routePath === '' && prefix !== '' && prefixTrailingSlash !== 'no-slash',
      instance: this,
    });
  };
}

function bookOn(root: FastifyInstance, complete: boolean): Application {
  const book: Application = { root, routes: [], complete, onRequest: undefined };
  Object.defineProperty(root, APPLICATION, { value: book });
  return book;
}

subscribe('fastify.initialization', (message) => {
  const book = bookOn((message as { fastify: FastifyInstance }).fastify, true);
  book.root.addHook('onRoute', recorder(book));
  book.root.addHook('onRequest', function portcullisFirst(request, reply, done) {
    if (book.onRequest === undefined) done();
    else book.onRequest(request, reply, done);
  });
});

/**
 * The application `instance` belongs to. For one this module did not see created, from the
 * first registration's scope on, the routes it sees (and contexts created later inherit).
 */
export function applicationOf(instance: FastifyInstance): Application {
  let book = (instance as FastifyInstance & { [APPLICATION]?: Application })[APPLICATION];
  if (book === undefined) {
    // Fastify builds each context with Object.create(parent): the root ends the chain.
    let root: object = instance;
    while (Object.getPrototypeOf(root) !== Object.prototype) root = Object.getPrototypeOf(root) as object;
    book = bookOn(root as FastifyInstance, false);
    instance.addHook('onRoute', recorder(book));
  }
  return book;
}
