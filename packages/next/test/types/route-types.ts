// Compiled by route-types.test.ts: every line without @ts-expect-error must type-check, and
// every @ts-expect-error must really meet an error (tsc reports unused ones).
import type { NextProxy, NextRequest } from 'next/server.js';
import { cors as coreCors } from '@portcullis/core';
import { cors, corsByRequest, corsProxy, withCors } from '../../src/index.js';

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

// A handler written inline gets the NextRequest from the route's type, not `any`.
type IsAny<T> = 0 extends 1 & T ? true : false;
export const inline = withCors({ GET: (request) => Response.json({ path: request.nextUrl.pathname }) }, options);
export const inlineRequestIsNotAny: IsAny<Parameters<typeof inline.GET>[0]> = false;
export const inlineRequest: NextRequest = null as unknown as Parameters<typeof inline.GET>[0];

// Refusal events carry the NextRequest too.
withCors(
  { GET: getItem },
  {
    origin: 'https://myapp.es',
    onRefusal: (event) => {
      const path: string = event.request.nextUrl.pathname;
      const notAny: IsAny<typeof event.request> = false;
      // @ts-expect-error the event's request is a NextRequest, with no made-up members
      void event.request.notAMember;
      void [path, notAny];
    },
  },
);

// A policy in place of options keeps its sync-ness: cors() with a synchronous origin...
export const fromPolicy: Response = withCors({ GET: () => new Response('ok') }, cors({ origin: 'https://myapp.es' })).GET(req);
// ...and corsByRequest() choosing among synchronous policies stay synchronous;
const byPath = corsByRequest((request: NextRequest) => (request.nextUrl.pathname.startsWith('/admin') ? cors({ origin: 'https://admin.myapp.es' }) : undefined));
export const fromChooser: Response = withCors({ GET: () => new Response('ok') }, byPath).GET(req);
// an async origin function makes it a promise...
// @ts-expect-error a policy with an async origin check may return a promise
export const fromAsyncPolicy: Response = withCors({ GET: () => new Response('ok') }, cors({ origin: async () => true })).GET(req);
// ...and the package's cors() hands its origin function the NextRequest.
export const nextPolicyRoute = withCors(
  { GET: getItem },
  cors({ origin: (origin, request) => origin === 'https://myapp.es' || request.cookies.has('preview') }),
);
// The core's cors() makes policies for any Request, which Next's routes accept as well.
export const corePolicyRoute: RouteHandlerConfig<{ id: string }> = withCors({ GET: getItem }, coreCors({ origin: 'https://myapp.es' }));
export const nextPolicyModule: RouteHandlerConfig<{ id: string }> = nextPolicyRoute;

// corsProxy takes a policy too.
export const policyProxy: NextProxy = corsProxy(cors({ origin: 'https://myapp.es', credentials: true }));
export const chooserProxy: NextProxy = corsProxy(byPath, () => undefined);
