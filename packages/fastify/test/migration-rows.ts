// The rows of the README's migration guide from @fastify/cors: each is @fastify/cors with its
// documented configuration, the Portcullis translation the README gives, and the
// cross-origin requests both get (migration.test.ts compares what a browser concludes).

import fastifyCors, { type FastifyCorsOptions as PeerOptions } from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import portcullis, { isPreflight, type PortcullisFastifyOptions } from '../src/index.js';
import type { Outcome, ScriptRequest } from './browser-judge.js';
import { track } from './helpers.js';

export const EXAMPLE = 'https://example.com';
export const OTHER = 'https://other.example';

/** The same routes in both apps; `/items/:id` sends headers a page may want to read. */
function routes(app: FastifyInstance, handled: string[]): void {
  const item = async (request: FastifyRequest, reply: FastifyReply) => {
    handled.push(`${request.method} ${request.url}`);
    return reply.header('content-range', 'items 0-0/1').header('x-content-range', 'r').header('x-request-id', 'id-1').send({ id: 1 });
  };
  app.get('/items/:id', item);
  app.put('/items/:id', item);
  app.delete('/items/:id', item);
  app.post('/items', item);
}

export interface Setup {
  /** Options for `register`; a function is the options-function form. */
  readonly options: unknown;
  /** Extra routes, registered after the plugin (route configs, OPTIONS handlers). */
  readonly extra?: (app: FastifyInstance, handled: string[]) => void;
}

export async function build(plugin: 'peer' | 'portcullis', setup: Setup, handled: string[]): Promise<FastifyInstance> {
  const app = track(Fastify());
  if (plugin === 'peer') await app.register(fastifyCors, setup.options as PeerOptions);
  else await app.register(portcullis, setup.options as PortcullisFastifyOptions);
  routes(app, handled);
  setup.extra?.(app, handled);
  await app.ready();
  return app;
}

/** What the browser concludes, without the preflight cache lifetime (compared in its own row). */
export function conclusion({ preflightCacheSeconds: _, ...outcome }: Outcome): Omit<Outcome, 'preflightCacheSeconds'> {
  return outcome;
}

export const get = (origin: string, url = '/items/1'): ScriptRequest => ({ method: 'GET', url, origin });
export const put = (origin: string, headers: Record<string, string> = {}): ScriptRequest => ({ method: 'PUT', url: '/items/1', origin, headers });
export const jsonPost = (origin: string): ScriptRequest => ({ method: 'POST', url: '/items', origin, headers: { 'content-type': 'application/json' } });

export interface Row {
  /** The @fastify/cors option, as the README's migration table names it. */
  readonly option: string;
  readonly peer: Setup;
  readonly portcullis: Setup;
  readonly requests: readonly ScriptRequest[];
  /** Also compare how long the browser may reuse the preflight. */
  readonly cache?: boolean;
  /**
   * Handlers that run in ours and not in theirs (when they differ): an origin callback's
   * error made @fastify/cors answer 500, while Portcullis runs a GET and lets the browser
   * hide the answer.
   */
  readonly alsoHandled?: readonly string[];
}

export const rows: Row[] = [
  {
    option: 'origin (default)',
    peer: { options: {} },
    portcullis: { options: { origin: '*' } },
    requests: [get(OTHER), jsonPost(OTHER)],
  },
  {
    option: 'origin: string',
    peer: { options: { origin: EXAMPLE } },
    portcullis: { options: { origin: EXAMPLE } },
    requests: [get(EXAMPLE), get(OTHER), jsonPost(EXAMPLE), jsonPost(OTHER)],
  },
  {
    option: 'origin: RegExp',
    peer: { options: { origin: /^https:\/\/([a-z0-9-]+\.)*example\.com$/ } },
    portcullis: { options: { origin: /^https:\/\/([a-z0-9-]+\.)*example\.com$/ } },
    requests: [get(EXAMPLE), get('https://app.example.com'), get('https://example.com.attacker.com'), get('https://evilexample.com')],
  },
  {
    option: 'origin: RegExp (as a pattern)',
    peer: { options: { origin: /^https:\/\/([a-z0-9-]+\.)*example\.com$/ } },
    portcullis: { options: { origin: ['https://example.com', 'https://*.example.com'] } },
    requests: [get(EXAMPLE), get('https://a.b.example.com'), get('https://example.com.attacker.com'), get('https://evilexample.com')],
  },
  {
    option: 'origin: array',
    peer: { options: { origin: ['http://example1.com', /^https:\/\/([a-z0-9-]+\.)+example2\.com$/] } },
    portcullis: { options: { origin: ['http://example1.com', /^https:\/\/([a-z0-9-]+\.)+example2\.com$/] } },
    requests: [get('http://example1.com'), get('https://a.example2.com'), get('https://example2.com'), get('http://evil.com')],
  },
  {
    option: 'origin: function',
    peer: {
      options: {
        methods: ['GET', 'HEAD', 'POST', 'PUT'],
        origin: (origin: string | undefined, cb: (error: Error | null, allow: boolean) => void) => {
          if (new URL(origin!).hostname === 'localhost') return cb(null, true);
          cb(new Error('Not allowed'), false);
        },
      },
    },
    portcullis: { options: { origin: (origin: string) => new URL(origin).hostname === 'localhost' } },
    requests: [get('http://localhost:3000'), put('http://localhost:3000'), get(OTHER), put(OTHER)],
    alsoHandled: ['GET /items/1'],
  },
  {
    option: 'origin: true',
    peer: { options: { origin: true } },
    portcullis: { options: { origin: '*' } },
    requests: [get(OTHER), jsonPost(OTHER)],
  },
  {
    option: 'origin: false',
    peer: { options: { origin: false } },
    portcullis: { options: { origin: EXAMPLE }, extra: (app) => app.get('/off', { config: { cors: false } }, async () => 'off') },
    requests: [get(EXAMPLE, '/off')],
  },
  {
    option: 'methods',
    peer: { options: { origin: EXAMPLE, methods: ['GET', 'PUT'] } },
    portcullis: { options: { origin: EXAMPLE, allowMethods: ['GET', 'PUT'] } },
    requests: [put(EXAMPLE), { method: 'DELETE', url: '/items/1', origin: EXAMPLE }],
  },
  {
    option: 'allowedHeaders',
    peer: { options: { origin: EXAMPLE, methods: ['PUT'], allowedHeaders: ['Content-Type', 'Authorization'] } },
    portcullis: { options: { origin: EXAMPLE, allowHeaders: ['content-type', 'authorization'] } },
    requests: [put(EXAMPLE, { authorization: 'Bearer t' }), put(EXAMPLE, { 'x-custom': '1' })],
  },
  {
    option: 'allowedHeaders (default: reflect)',
    peer: { options: { origin: EXAMPLE, methods: ['PUT'] } },
    portcullis: { options: { origin: EXAMPLE, allowHeaders: ['*', 'authorization'] } },
    requests: [put(EXAMPLE, { authorization: 'Bearer t' }), put(EXAMPLE, { 'x-custom': '1', 'x-other': '2' })],
  },
  {
    option: 'exposedHeaders',
    peer: { options: { origin: EXAMPLE, exposedHeaders: ['Content-Range', 'X-Content-Range'] } },
    portcullis: { options: { origin: EXAMPLE, exposeHeaders: ['content-range', 'x-content-range'] } },
    requests: [get(EXAMPLE), get(OTHER)],
  },
  {
    option: 'credentials',
    peer: { options: { origin: [EXAMPLE], credentials: true } },
    portcullis: { options: { origin: [EXAMPLE], credentials: true } },
    requests: [{ ...get(EXAMPLE), credentials: true }, { ...jsonPost(EXAMPLE), credentials: true }, { ...get(OTHER), credentials: true }],
  },
  {
    option: 'maxAge',
    peer: { options: { origin: EXAMPLE, methods: ['PUT'], maxAge: 600 } },
    portcullis: { options: { origin: EXAMPLE, maxAge: 600 } },
    requests: [put(EXAMPLE)],
    cache: true,
  },
  {
    option: 'cacheControl',
    peer: { options: { origin: EXAMPLE, methods: ['PUT'], cacheControl: 600 } },
    portcullis: { options: { origin: EXAMPLE, preflightCacheControl: 600 } },
    requests: [put(EXAMPLE)],
  },
  {
    option: 'optionsSuccessStatus',
    peer: { options: { origin: EXAMPLE, methods: ['PUT'], optionsSuccessStatus: 200 } },
    portcullis: { options: { origin: EXAMPLE, preflightStatus: 200 } },
    requests: [put(EXAMPLE), jsonPost(EXAMPLE)],
  },
  {
    option: 'preflightContinue',
    peer: { options: { origin: EXAMPLE, methods: ['PUT'], preflightContinue: true }, extra: (app, handled) => app.options('/items/:id', async (request, reply) => (handled.push('OPTIONS'), reply.code(204).send())) },
    portcullis: {
      options: { origin: EXAMPLE },
      // The plugin answers preflights itself; an onSend hook sees each answer on its way out.
      extra: (app, handled) =>
        app.addHook('onSend', async (request) => {
          if (isPreflight(request)) handled.push('OPTIONS');
        }),
    },
    requests: [put(EXAMPLE), put(OTHER)],
  },
  {
    option: 'preflight',
    peer: { options: { origin: EXAMPLE, preflight: false } },
    portcullis: { options: { origin: EXAMPLE, preflight: false } },
    requests: [put(EXAMPLE), get(EXAMPLE)],
  },
  {
    option: 'strictPreflight',
    peer: { options: { origin: EXAMPLE, methods: ['PUT'], strictPreflight: true } },
    portcullis: { options: { origin: EXAMPLE } },
    requests: [put(EXAMPLE), get(EXAMPLE)],
  },
  {
    option: 'hideOptionsRoute',
    peer: { options: { origin: EXAMPLE, methods: ['PUT'], hideOptionsRoute: true } },
    portcullis: { options: { origin: EXAMPLE } },
    requests: [put(EXAMPLE)],
  },
  {
    option: 'logLevel',
    peer: { options: { origin: EXAMPLE, methods: ['PUT'], logLevel: 'silent' } },
    // Quiet preflights are Fastify's: disableRequestLogging: (request) => isPreflight(request).
    portcullis: { options: { origin: EXAMPLE } },
    requests: [put(EXAMPLE), put(OTHER)],
  },
  {
    option: 'hook',
    peer: { options: { origin: EXAMPLE, methods: ['PUT'], hook: 'preHandler' } },
    portcullis: { options: { origin: EXAMPLE } },
    requests: [put(EXAMPLE), get(EXAMPLE), get(OTHER)],
  },
  {
    option: 'delegator',
    peer: {
      options: {
        delegator: (request: FastifyRequest, callback: (error: Error | null, options: PeerOptions) => void) => {
          const corsOptions: PeerOptions = { origin: true };
          if (/^localhost$/m.test(request.headers.origin ?? '')) corsOptions.origin = false;
          callback(null, corsOptions);
        },
      },
    },
    portcullis: {
      options: {
        policies: { open: { origin: '*' } },
        choosePolicy: (request: FastifyRequest) => (/^localhost$/m.test(request.headers.origin ?? '') ? false : 'open'),
      },
    },
    requests: [get(OTHER), get('localhost'), jsonPost(OTHER)],
  },
  {
    option: 'options as a function',
    peer: {
      options: () => (request: FastifyRequest, callback: (error: Error | null, options: PeerOptions) => void) =>
        callback(null, { origin: request.url.startsWith('/items') ? EXAMPLE : false }),
    },
    portcullis: {
      options: { policies: { items: { origin: EXAMPLE } }, choosePolicy: (_request: FastifyRequest, route: string | undefined) => (route?.startsWith('/items') ? 'items' : false) },
    },
    requests: [get(EXAMPLE), get(OTHER)],
  },
  {
    option: 'config.cors',
    peer: {
      options: { origin: EXAMPLE },
      extra: (app) => {
        app.get('/cors-allow-all', { config: { cors: { origin: '*' } } }, async () => 'all');
        app.get('/cors-disabled', { config: { cors: false } }, async () => 'none');
      },
    },
    portcullis: {
      options: { origin: EXAMPLE },
      extra: (app) => {
        app.get('/cors-allow-all', { config: { cors: { origin: '*' } } }, async () => 'all');
        app.get('/cors-disabled', { config: { cors: false } }, async () => 'none');
      },
    },
    requests: [get(EXAMPLE), get(OTHER), get(OTHER, '/cors-allow-all'), get(EXAMPLE, '/cors-disabled')],
  },
];


/** Every option @fastify/cors declares, as its types declare them: the README must answer each. */
export const PEER_OPTION_NAMES = [
  'hook',
  'delegator',
  'origin',
  'credentials',
  'exposedHeaders',
  'allowedHeaders',
  'methods',
  'maxAge',
  'cacheControl',
  'preflightContinue',
  'optionsSuccessStatus',
  'preflight',
  'strictPreflight',
  'hideOptionsRoute',
  'logLevel',
] as const;
