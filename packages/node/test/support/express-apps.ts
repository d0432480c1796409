// Small Express and Koa applications for the tests of one behaviour each: mounted as the test
// says, an error handler that records what reached it, a counter of what reached the routes.

import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type Express } from 'express';
import Koa from 'koa';
import type { Endpoint } from './client.js';

export interface Served {
  readonly endpoint: Endpoint;
  /** Errors that reached the application's error handling, in order. */
  readonly errors: unknown[];
  /** Requests that reached a route, as `METHOD path`. */
  readonly reached: string[];
  close(): Promise<void>;
}

async function serve(server: Server): Promise<{ endpoint: Endpoint; close(): Promise<void> }> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: { base: `http://127.0.0.1:${port}` },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * An Express 5 app: `mount` installs the middleware under test and may add routes; every
 * other request reaches a catch-all route answering `ok`; errors reach an error handler that
 * answers 500 with the error's message.
 */
export async function expressApp(mount: (app: Express, reached: string[]) => void, app: Express = express()): Promise<Served> {
  const errors: unknown[] = [];
  const reached: string[] = [];
  mount(app, reached);
  app.use((req, res) => {
    reached.push(`${req.method} ${req.originalUrl}`);
    res.send('ok');
  });
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    errors.push(error);
    res.status(500).json({ error: (error as Error).message });
  };
  app.use(onError);
  return { ...(await serve(createServer(app))), errors, reached };
}

/** A Koa app: error handling first (as Koa's users write it), then `mount`, then a route answering `ok`. */
export async function koaApp(mount: (app: Koa) => void): Promise<Served> {
  const errors: unknown[] = [];
  const reached: string[] = [];
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      errors.push(error);
      ctx.status = 500;
      ctx.body = { error: (error as Error).message };
    }
  });
  mount(app);
  app.use((ctx) => {
    reached.push(`${ctx.method} ${ctx.originalUrl}`);
    ctx.body = 'ok';
  });
  return { ...(await serve(createServer(app.callback()))), errors, reached };
}
