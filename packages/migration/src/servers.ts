// The servers a simulated browser talks to: the peer libraries as their documentation mounts
// them (Express on a real loopback server, hono and itty-router in process) and Portcullis,
// all in front of the same application. Each turns the browser model's requests into its own
// and hands back the answer as raw header lines.

import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpResponse, OutgoingRequest } from '@portcullis/browser-model';
import type { HandlerResult, MaybePromise } from '@portcullis/core';
import express, { type Express, type RequestHandler } from 'express';
import { Hono, type MiddlewareHandler } from 'hono';
import { AutoRouter, type IRequest } from 'itty-router';
import { APP_BODY, APP_HEADERS, fetchApp, kindOf, Reached } from './app.js';

/** How the browser model reaches a server. */
export type Send = (request: OutgoingRequest) => Promise<HttpResponse>;

export interface Server {
  /** Which requests reached the application. */
  readonly reached: Reached;
  readonly send: Send;
  close(): Promise<void>;
}

/** Anything a Fetch handler may return. */
export type FetchHandler = (request: Request) => MaybePromise<HandlerResult>;

function toRequest(outgoing: OutgoingRequest): Request {
  return new Request(outgoing.url, { method: outgoing.method, headers: outgoing.headers.map(([name, value]): [string, string] => [name, value]) });
}

/** A Fetch handler called in process, as Bun, Deno, Workers or Next would call it. */
export function fetchServer(handler: FetchHandler, reached: Reached): Server {
  return {
    reached,
    async send(outgoing) {
      const response = await handler(toRequest(outgoing));
      if (!(response instanceof Response)) throw new Error(`the handler returned ${String(response)} for ${outgoing.method} ${outgoing.url}`);
      return { status: response.status, headers: [...response.headers] };
    },
    close: async () => {},
  };
}

/** The application as Express middleware; `extra` headers are set on every answer too. */
export function expressApp(reached: Reached, extra: Readonly<Record<string, string>> = {}): RequestHandler {
  return (req, res) => {
    reached.saw(kindOf(req.method, req.headers['access-control-request-method']));
    res.status(200).set({ ...APP_HEADERS, ...extra }).send(APP_BODY);
  };
}

/**
 * An Express 5 application on 127.0.0.1, built by `mount` (which installs the CORS middleware
 * and the application handler as the peer's documentation does). Requests keep the URL's host
 * in `Host`, as a browser sends it.
 */
export async function expressServer(mount: (app: Express, handler: RequestHandler) => void, extra: Readonly<Record<string, string>> = {}): Promise<Server> {
  const reached = new Reached();
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  mount(app, expressApp(reached, extra));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    reached,
    send: (outgoing) =>
      new Promise<HttpResponse>((resolve, reject) => {
        const url = new URL(outgoing.url);
        const headers: Record<string, string> = { host: url.host };
        for (const [name, value] of outgoing.headers) headers[name] = value;
        const req = httpRequest({ host: '127.0.0.1', port, method: outgoing.method, path: url.pathname + url.search, headers, agent: false }, (res) => {
          const raw = res.rawHeaders;
          const pairs: [string, string][] = [];
          for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!.toLowerCase(), raw[i + 1]!]);
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: pairs }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** hono with its CORS middleware on every path, as its documentation mounts it. */
export function honoServer(middleware: MiddlewareHandler, extra: Readonly<Record<string, string>> = {}): Server {
  const reached = new Reached();
  const app = new Hono();
  const handle = fetchApp(reached, extra);
  app.use('*', middleware);
  app.all('*', (c) => handle(c.req.raw));
  return fetchServer((request) => app.fetch(request), reached);
}

/** What itty-router's `cors()` returns. */
export interface IttyCors {
  readonly preflight: (request: IRequest) => Response | undefined | void;
  readonly corsify: (response: Response, request?: IRequest) => Response;
}

/** itty-router's AutoRouter with `preflight` before and `corsify` after, as its documentation mounts them. */
export function ittyServer(pair: IttyCors, extra: Readonly<Record<string, string>> = {}): Server {
  const reached = new Reached();
  const handle = fetchApp(reached, extra);
  const router = AutoRouter({ before: [pair.preflight], finally: [pair.corsify] });
  router.all('*', (request) => handle(request));
  return fetchServer((request) => router.fetch(request), reached);
}
