// The zoo: servers whose CORS is wrong the way it is wrong in real code (a hand-written check,
// a library's documented option), each on a loopback free port. Every one trusts
// https://www.myapp.es and gets one thing wrong; the controls get everything right.
import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';
import express from 'express';
import { listen, start, type Running } from './servers.js';

export const TRUSTED = 'https://www.myapp.es';

interface HandWritten {
  /** The origin check, as written in the server. */
  readonly allowed: (origin: string) => boolean;
  readonly credentials?: boolean;
  readonly vary?: boolean;
  /** Extra headers on every answer. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The middleware everyone writes once: reflect the origin when the check passes, answer OPTIONS. */
function handWritten(options: HandWritten): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const origin = req.headers.origin;
    for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
    if (options.vary !== false) res.setHeader('Vary', 'Origin');
    if (origin !== undefined && options.allowed(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      if (options.credentials !== false) res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'content-type' }).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"user":"ada"}');
  };
}

const serve = (options: HandWritten) => () => start(handWritten(options));

async function expressApp(configure: (app: express.Express) => void): Promise<Running> {
  const app = express();
  configure(app);
  app.get('/me', (_req, res) => void res.json({ user: 'ada' }));
  app.post('/me', (_req, res) => void res.json({ saved: true }));
  const { createServer } = await import('node:http');
  return listen(createServer(app));
}

/** A host read with a pattern of its own, which stops at the first character it does not expect. */
const HOST = /^https:\/\/([a-z0-9.-]+)/;

export const MISCONFIGURED = {
  /** The cors package's `origin: true` (reflect the request origin) with credentials, on Express 5. */
  corsOriginTrue: () => expressApp((app) => app.use(cors({ origin: true, credentials: true }))),
  /** The cors package's README example, `origin: /example\.com$/`, for our domain. */
  corsRegExpFromReadme: () => expressApp((app) => app.use(cors({ origin: /myapp\.es$/ }))),
  /** A hand-written reflect, no Vary, behind a CDN's Cache-Control: public. */
  reflectCachedWithoutVary: () =>
    start((req, res) => {
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"price":42}');
    }),
  startsWith: serve({ allowed: (origin) => origin.startsWith(TRUSTED) }),
  endsWith: serve({ allowed: (origin) => origin.endsWith('myapp.es') }),
  includes: serve({ allowed: (origin) => origin.includes('myapp.es') }),
  unescapedRegExp: serve({ allowed: (origin) => /^https:\/\/www.myapp.es$/.test(origin) }),
  unanchoredRegExp: serve({ allowed: (origin) => /^https:\/\/([a-z0-9-]+\.)*myapp\.es/.test(origin) }),
  hostParser: serve({ allowed: (origin) => HOST.exec(origin)?.[1] === 'www.myapp.es' }),
  nullInList: serve({ allowed: (origin) => [TRUSTED, 'null'].includes(origin) }),
  httpTrusted: serve({ allowed: (origin) => [TRUSTED, 'http://www.myapp.es'].includes(origin) }),
  githubPages: serve({ allowed: (origin) => origin === TRUSTED || /^https:\/\/[a-z0-9-]+\.github\.io$/.test(origin) }),
  /** The cors package with a list and a RegExp for every subdomain, with credentials. */
  anySubdomain: () =>
    expressApp((app) => app.use(cors({ origin: [TRUSTED, /^https:\/\/[a-z0-9-]+\.myapp\.es$/], credentials: true, allowedHeaders: ['content-type'] }))),
  /** `*` and credentials, as a middleware's two flags set apart. */
  wildcardWithCredentials: () =>
    start((_req, res) => {
      res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' }).end('{}');
    }),
  /** Two allowed origins written into one header. */
  twoOrigins: () =>
    start((_req, res) => {
      res.writeHead(200, { 'Access-Control-Allow-Origin': `${TRUSTED}, https://admin.myapp.es` }).end('{}');
    }),
  /** A correct origin check, and a preflight handler that echoes whatever it is asked. */
  echoingPreflight: () =>
    start((req, res) => {
      const origin = req.headers.origin;
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'Access-Control-Allow-Origin': origin ?? '*',
          'Access-Control-Allow-Credentials': 'true',
          'Access-Control-Allow-Methods': req.headers['access-control-request-method'] ?? 'GET',
          'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '',
        });
        res.end();
        return;
      }
      if (origin === TRUSTED) res.setHeader('Access-Control-Allow-Origin', origin).setHeader('Access-Control-Allow-Credentials', 'true');
      res.writeHead(200).end('{}');
    }),
  /** A correct origin check on a cookie-authenticated API whose POST handler trusts the cookie. */
  unprotectedWrites: serve({ allowed: (origin) => origin === TRUSTED }),
} as const;

export const CONTROLS = {
  /** The cors package with a list and explicit headers, on Express 5. */
  corsList: () => expressApp((app) => app.use(cors({ origin: [TRUSTED], credentials: true, allowedHeaders: ['content-type'] }))),
  /** One trusted origin as a constant header, no credentials. */
  constantOrigin: () =>
    start((_req, res) => {
      res.writeHead(200, { 'Access-Control-Allow-Origin': TRUSTED }).end('{}');
    }),
  /** A public API, `*` without credentials. */
  publicApi: () =>
    start((_req, res) => {
      res.writeHead(200, { 'Access-Control-Allow-Origin': '*' }).end('{}');
    }),
} as const;
