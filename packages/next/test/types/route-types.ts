// Compiled by route-types.test.ts: every line without @ts-expect-error must type-check, and
// every @ts-expect-error must really meet an error (tsc reports unused ones).
import type { NextProxy, NextRequest } from 'next/server';
import { corsProxy, withCors } from '../../src/index.js';

/** What Next 16's generated `.next/types/validator.ts` checks a route module against. */
type Handler<Params> = (
  request: NextRequest,
  context: { params: Promise<Params> },
) => Promise<Response | void> | Response | void;
type RouteHandlerConfig<Params> = {
  GET?: Handler<Params>;
  POST?: Handler<Params>;
  PUT?: Handler<Params>;
  PATCH?: Handler<Params>;
  DELETE?: Handler<Params>;
  HEAD?: Handler<Params>;
  OPTIONS?: Handler<Params>;
};

type ItemContext = { params: Promise<{ id: string }> };
declare function getItem(request: NextRequest, context: ItemContext): Promise<Response>;
declare function putItem(request: NextRequest, context: ItemContext): Promise<Response>;
declare function getBySlug(request: NextRequest, context: { params: Promise<{ slug: string }> }): Promise<Response>;
declare const req: NextRequest;

const options = { origin: 'https://myapp.es' } as const;
export const route = withCors({ GET: getItem, PUT: putItem }, options);

// The exports satisfy Next's check for the route they belong to...
export const itemModule: RouteHandlerConfig<{ id: string }> = route;
// ...and not for another one: context is not widened on the way through.
// @ts-expect-error a handler for [slug] does not pass as a handler for [id]
export const wrongModule: RouteHandlerConfig<{ id: string }> = withCors({ GET: getBySlug }, options);

// Handlers keep their own parameter types.
export const answer: Response | Promise<Response> = route.GET(req, { params: Promise.resolve({ id: '1' }) });
// @ts-expect-error params is a promise in Next 15+
route.GET(req, { params: { id: '1' } });
// @ts-expect-error the route exports no DELETE
route.DELETE(req, { params: Promise.resolve({ id: '1' }) });

// OPTIONS is always there; without a handler of its own it needs no context.
export const options1: Response | Promise<Response> = route.OPTIONS(req);

// A synchronous handler under a synchronous policy returns a Response, not a promise...
export const sync: Response = withCors({ GET: () => new Response('ok') }, options).GET(req);
// ...but under an async origin function it may be a promise.
// @ts-expect-error an async origin check may return a promise
export const notSync: Response = withCors({ GET: () => new Response('ok') }, { origin: async () => true }).GET(req);

// A handler that ignores the request still gets one: CORS reads it.
// @ts-expect-error the request is required
withCors({ GET: () => new Response('ok') }, options).GET();

// Only methods Next routes to are accepted.
// @ts-expect-error lowercase exports are never called by Next
withCors({ get: getItem }, options);
// @ts-expect-error a handler must return a Response
withCors({ GET: () => 'ok' }, options);

// The proxy is a Next proxy.
export const proxy: NextProxy = corsProxy(options);
export const composed: NextProxy = corsProxy(options, (request) =>
  request.headers.has('authorization') ? undefined : Response.json({ error: 'sign in' }, { status: 401 }),
);
