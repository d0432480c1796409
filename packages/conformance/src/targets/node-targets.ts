// @portcullis/node on Express 5, Koa and plain node:http, each on a real loopback server, each
// giving every scenario its own policy the way that framework's users would: Express mounts a
// cors() per scenario path, Koa chooses one per request with corsByRequest, node:http wraps
// one listener per scenario with withCors. Behind them, the shared Fetch application.

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createApp, parseScenarioPath } from '../app.ts';
import { policies } from '../scenario-router.ts';
import { bodyOf, listenOnLoopback, sendResponse, setHeaders, toFetchRequest } from './node-bridge.ts';
import { packageUnavailable } from './package-status.ts';
import type { Target } from './target.ts';

export const expressTarget: Target = {
  name: 'express',
  description: '@portcullis/node cors() on Express 5, app.use(`/s/<scenario>`, cors(policy)) per scenario',
  unavailable: () => packageUnavailable('@portcullis/node'),
  async start({ origins, fontPath }) {
    const [{ cors }, { default: express }] = await Promise.all([import('@portcullis/node'), import('express')]);
    const app = createApp({ font: readFileSync(fontPath) });
    const server = express();
    server.disable('x-powered-by');
    server.disable('etag');
    for (const [name, options] of policies(origins)) server.use(`/s/${name}`, cors(options));
    server.use((req, res, next) => {
      toFetchRequest(req, req.originalUrl)
        .then(app)
        .then((response) => sendResponse(res, response), next);
    });
    return listenOnLoopback(createServer(server));
  },
};

export const koaTarget: Target = {
  name: 'koa',
  description: '@portcullis/node/koa on Koa 3, corsByRequest choosing the scenario\'s cors(policy)',
  unavailable: () => packageUnavailable('@portcullis/node'),
  async start({ origins, fontPath }) {
    const [{ cors, corsByRequest }, { default: Koa }] = await Promise.all([import('@portcullis/node/koa'), import('koa')]);
    const app = createApp({ font: readFileSync(fontPath) });
    const byScenario = new Map([...policies(origins)].map(([name, options]) => [name, cors(options)]));
    const server = new Koa();
    server.silent = true;
    server.use(corsByRequest((ctx) => byScenario.get(parseScenarioPath(ctx.path)?.scenario ?? '')));
    server.use(async (ctx) => {
      const response = await app(await toFetchRequest(ctx.req, ctx.originalUrl));
      ctx.status = response.status;
      setHeaders(ctx.res, response);
      // An empty body, not null: Koa turns a null body into a 204 (a redirect's body is null).
      ctx.body = bodyOf(response) ?? '';
    });
    return listenOnLoopback(createServer(server.callback()));
  },
};

export const nodeHttpTarget: Target = {
  name: 'node-http',
  description: '@portcullis/node withCors(listener, policy) on node:http, one listener per scenario',
  unavailable: () => packageUnavailable('@portcullis/node'),
  async start({ origins, fontPath }) {
    const { withCors } = await import('@portcullis/node');
    const app = createApp({ font: readFileSync(fontPath) });
    const listener = (req: IncomingMessage, res: ServerResponse) => {
      toFetchRequest(req, req.url ?? '/')
        .then(app)
        .then(
          (response) => sendResponse(res, response),
          () => res.writeHead(500).end(),
        );
    };
    const byScenario = new Map([...policies(origins)].map(([name, options]) => [name, withCors(listener, options)]));
    return listenOnLoopback(
      createServer((req, res) => {
        const scenario = byScenario.get(parseScenarioPath(req.url ?? '/')?.scenario ?? '');
        if (scenario) scenario(req, res);
        else res.writeHead(404).end('no such scenario');
      }),
    );
  },
};
