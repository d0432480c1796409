// The same small application on every framework the package serves, each written the way
// that framework's users write it, behind the package's CORS on a loopback server: a JSON
// route that sets its own `Vary`, a write that counts the requests reaching it, the app's
// own OPTIONS handler, a redirect, a stream, an upload it hashes, a route that throws, and
// the framework's 404 for everything else.

import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { Readable } from 'node:stream';
import connect from 'connect';
import express5, { type Express } from 'express';
import express4 from 'express4';
import Koa from 'koa';
import { generate } from 'selfsigned';
import type { CorsOptions } from '../../src/index.js';
import { cors, withCors } from '../../src/index.js';
import { cors as koaCors } from '../../src/koa.js';
import type { Endpoint } from './client.js';

/** How many requests reached each of the application's handlers. */
export interface Counts {
  writes: number;
  options: number;
  uploads: number;
}

export interface Running {
  readonly endpoint: Endpoint;
  readonly counts: Counts;
  close(): Promise<void>;
}

export interface Framework {
  readonly name: string;
  start(options: CorsOptions<unknown>): Promise<Running>;
}

export const ITEMS = { items: [{ id: 1, name: 'portcullis' }] };
export const STREAM_CHUNKS = ['first;', 'second;', 'third;'];
const counts = (): Counts => ({ writes: 0, options: 0, uploads: 0 });

async function hash(body: AsyncIterable<Buffer>): Promise<{ bytes: number; sha256: string }> {
  const digest = createHash('sha256');
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    digest.update(chunk);
  }
  return { bytes, sha256: digest.digest('hex') };
}

async function listen(server: NetServer): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

function closer(server: NetServer & { closeAllConnections?: () => void }): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections?.();
    });
}

let certificate: Promise<{ key: string; cert: string }> | undefined;
/** A self-signed certificate for localhost and 127.0.0.1, made once per test file. */
export function selfSigned(): Promise<{ key: string; cert: string }> {
  certificate ??= generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return certificate;
}

function expressApp(express: typeof express5, options: CorsOptions<unknown>, seen: Counts): Express {
  const app = express();
  app.use(cors(options));
  app.get('/api/items', (_req, res) => {
    res.set('vary', 'Accept-Encoding').json({ ...ITEMS, seen: res.getHeader('access-control-allow-origin') ?? null });
  });
  app.post('/api/items', (_req, res) => {
    seen.writes++;
    res.status(201).json({ created: true });
  });
  app.options('/api/items', (_req, res) => {
    seen.options++;
    res.set('allow', 'GET, POST, OPTIONS').send('options');
  });
  app.get('/api/redirect', (_req, res) => res.redirect('/api/items'));
  app.get('/api/stream', (_req, res) => void Readable.from(STREAM_CHUNKS).pipe(res.type('text/plain')));
  app.post('/api/upload', (req, res, next) => {
    seen.uploads++;
    hash(req).then((result) => res.json(result), next);
  });
  app.get('/api/error', () => {
    throw new Error('a bug in the route');
  });
  return app;
}

function expressFramework(name: string, express: typeof express5): Framework {
  return {
    name,
    async start(options) {
      const seen = counts();
      const server = createHttpServer(expressApp(express, options, seen));
      const port = await listen(server);
      return { endpoint: { base: `http://127.0.0.1:${port}` }, counts: seen, close: closer(server) };
    },
  };
}

const connectFramework: Framework = {
  name: 'Connect',
  async start(options) {
    const seen = counts();
    const app = connect();
    app.use(cors(options));
    app.use('/api/items', (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
      if (req.method === 'GET') {
        res.setHeader('vary', 'Accept-Encoding');
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ...ITEMS, seen: res.getHeader('access-control-allow-origin') ?? null }));
      } else if (req.method === 'POST') {
        seen.writes++;
        res.statusCode = 201;
        res.end('{"created":true}');
      } else if (req.method === 'OPTIONS') {
        seen.options++;
        res.setHeader('allow', 'GET, POST, OPTIONS');
        res.end('options');
      } else next();
    });
    app.use('/api/redirect', (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(302, { location: '/api/items' }).end();
    });
    app.use('/api/stream', (_req: IncomingMessage, res: ServerResponse) => void Readable.from(STREAM_CHUNKS).pipe(res));
    app.use('/api/upload', (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
      seen.uploads++;
      hash(req).then((result) => res.end(JSON.stringify(result)), next);
    });
    app.use('/api/error', (_req: IncomingMessage, _res: ServerResponse, next: (error?: unknown) => void) => next(new Error('a bug in the route')));
    const server = createHttpServer(app);
    const port = await listen(server);
    return { endpoint: { base: `http://127.0.0.1:${port}` }, counts: seen, close: closer(server) };
  },
};

const koaFramework: Framework = {
  name: 'Koa',
  async start(options) {
    const seen = counts();
    const app = new Koa();
    app.silent = true;
    app.use(koaCors(options));
    app.use(async (ctx) => {
      const route = `${ctx.method} ${ctx.path}`;
      if (route === 'GET /api/items') {
        ctx.set('vary', 'Accept-Encoding');
        ctx.body = { ...ITEMS, seen: ctx.response.get('access-control-allow-origin') || null };
      } else if (route === 'POST /api/items') {
        seen.writes++;
        ctx.status = 201;
        ctx.body = { created: true };
      } else if (route === 'OPTIONS /api/items') {
        seen.options++;
        ctx.set('allow', 'GET, POST, OPTIONS');
        ctx.body = 'options';
      } else if (route === 'GET /api/redirect') {
        ctx.redirect('/api/items');
      } else if (route === 'GET /api/stream') {
        ctx.type = 'text/plain';
        ctx.body = Readable.from(STREAM_CHUNKS);
      } else if (route === 'POST /api/upload') {
        seen.uploads++;
        ctx.body = await hash(ctx.req);
      } else if (route === 'GET /api/error') {
        throw new Error('a bug in the route');
      }
    });
    const server = createHttpServer(app.callback());
    const port = await listen(server);
    return { endpoint: { base: `http://127.0.0.1:${port}` }, counts: seen, close: closer(server) };
  },
};

/** A plain listener, as node:http, node:https and http2's compatibility API call it. */
function listener(seen: Counts) {
  return async (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse): Promise<void> => {
    const route = `${req.method} ${req.url}`;
    try {
      if (route === 'GET /api/items') {
        res.setHeader('vary', 'Accept-Encoding');
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ...ITEMS, seen: res.getHeader('access-control-allow-origin') ?? null }));
      } else if (route === 'POST /api/items') {
        seen.writes++;
        res.writeHead(201, { 'content-type': 'application/json' }).end('{"created":true}');
      } else if (route === 'OPTIONS /api/items') {
        seen.options++;
        res.writeHead(200, { allow: 'GET, POST, OPTIONS' }).end('options');
      } else if (route === 'GET /api/redirect') {
        res.writeHead(302, { location: '/api/items' }).end();
      } else if (route === 'GET /api/stream') {
        Readable.from(STREAM_CHUNKS).pipe(res as ServerResponse);
      } else if (route === 'POST /api/upload') {
        seen.uploads++;
        res.end(JSON.stringify(await hash(req)));
      } else if (route === 'GET /api/error') {
        throw new Error('a bug in the route');
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    } catch {
      // The listener's own error path: a head written with headers of its own, `Vary` included.
      res.writeHead(500, { 'content-type': 'text/plain', vary: 'Accept' }).end('internal error');
    }
  };
}

const nodeHttp: Framework = {
  name: 'node:http',
  async start(options) {
    const seen = counts();
    const server = createHttpServer(withCors(listener(seen), options));
    const port = await listen(server);
    return { endpoint: { base: `http://127.0.0.1:${port}` }, counts: seen, close: closer(server) };
  },
};

const nodeHttps: Framework = {
  name: 'node:https',
  async start(options) {
    const seen = counts();
    const tls = await selfSigned();
    const server = createHttpsServer(tls, withCors(listener(seen), options));
    const port = await listen(server);
    return { endpoint: { base: `https://127.0.0.1:${port}`, ca: tls.cert }, counts: seen, close: closer(server) };
  },
};

const http2: Framework = {
  name: 'http2 (compatibility API)',
  async start(options) {
    const seen = counts();
    const tls = await selfSigned();
    const sessions = new Set<import('node:http2').ServerHttp2Session>();
    const server = createSecureServer(tls, withCors<Http2ServerRequest, Http2ServerResponse>(listener(seen), options));
    server.on('session', (session) => {
      sessions.add(session);
      session.on('close', () => sessions.delete(session));
    });
    const port = await listen(server);
    const close = () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const session of sessions) session.destroy();
      });
    return { endpoint: { base: `h2://127.0.0.1:${port}`, ca: tls.cert }, counts: seen, close };
  },
};

export const frameworks: readonly Framework[] = [
  expressFramework('Express 5', express5),
  expressFramework('Express 4', express4),
  connectFramework,
  koaFramework,
  nodeHttp,
  nodeHttps,
  http2,
];
