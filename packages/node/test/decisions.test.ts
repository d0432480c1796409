// What the middleware does around the application's own code: an origin function that fails
// hands its error to the application's error handling; CORS headers the application wrote
// itself never outlive the policy's decision; user code receives the framework's own request.

import type { IncomingMessage, ServerResponse } from 'node:http';
import express4 from 'express4';
import type { Request as ExpressRequest } from 'express';
import type Koa from 'koa';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cors, withCors, type CorsRefusalEvent } from '../src/index.js';
import { cors as koaCors } from '../src/koa.js';
import { frameworks } from './support/apps.js';
import { send } from './support/client.js';
import { expressApp, koaApp, type Served } from './support/express-apps.js';

const FRONT_END = 'https://myapp.es';
const OTHER_SITE = 'https://evil.example';

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

const failing = {
  throws: () => {
    throw new Error('the origin store is down');
  },
  rejects: async () => {
    throw new Error('the origin store is down');
  },
};

describe("an origin function that throws or rejects goes to the application's error handling", () => {
  it.each([
    { rule: 'Express 5, a throw', how: 'throws' as const, start: (origin: () => boolean) => expressApp((app) => app.use(cors({ origin }))) },
    { rule: 'Express 5, a rejection', how: 'rejects' as const, start: (origin: () => boolean) => expressApp((app) => app.use(cors({ origin }))) },
    { rule: 'Express 4, a throw', how: 'throws' as const, start: (origin: () => boolean) => expressApp((app) => app.use(cors({ origin })), express4()) },
    { rule: 'Express 4, a rejection', how: 'rejects' as const, start: (origin: () => boolean) => expressApp((app) => app.use(cors({ origin })), express4()) },
    { rule: 'Koa, a throw', how: 'throws' as const, start: (origin: () => boolean) => koaApp((app) => app.use(koaCors({ origin }))) },
    { rule: 'Koa, a rejection', how: 'rejects' as const, start: (origin: () => boolean) => koaApp((app) => app.use(koaCors({ origin }))) },
  ])('$rule: the error handler answers, without CORS headers (nobody could check the origin), with Vary: Origin', async ({ how, start }) => {
    served = await start(failing[how] as () => boolean);
    const answer = await send(served.endpoint, '/api/items', { headers: { origin: FRONT_END } });
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body.toString())).toEqual({ error: 'the origin store is down' });
    expect(served.reached).toEqual([]);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(answer.headers.vary).toBe('Origin');
  });

  it('a node:http listener has no error handling: a bare 500, and the error logged', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const start = frameworks.find((f) => f.name === 'node:http')!;
      const app = await start.start({ origin: failing.rejects });
      try {
        const answer = await send(app.endpoint, '/api/items', { headers: { origin: FRONT_END } });
        expect(answer.status).toBe(500);
        expect(answer.body.length).toBe(0);
        expect(answer.headers.vary).toBe('Origin');
        expect(log.mock.calls.map((call) => [call[0], (call[1] as Error).message])).toEqual([
          ['portcullis: deciding CORS failed, answered 500:', 'the origin store is down'],
        ]);
      } finally {
        await app.close();
      }
    } finally {
      log.mockRestore();
    }
  });
});

describe('CORS headers the application writes itself never outlive the decision', () => {
  const STRAY = { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true', 'access-control-expose-headers': 'x-secret' };
  const policy = { origin: FRONT_END };
  const starts = [
    {
      name: 'Express',
      start: () =>
        expressApp((app) => {
          app.use(cors(policy));
          app.get('/api/items', (_req, res) => void res.set(STRAY).send('ok'));
        }),
    },
    {
      name: 'Koa',
      start: () =>
        koaApp((app) => {
          app.use(koaCors(policy));
          app.use(async (ctx, next) => {
            if (ctx.path !== '/api/items') return next();
            ctx.set(STRAY);
            ctx.body = 'ok';
          });
        }),
    },
  ];
  describe.each(starts)('$name', ({ start }) => {
    it.each([
      { rule: 'an allowed origin gets the policy\'s headers only: its origin, no credentials, nothing exposed', origin: FRONT_END, expected: { 'access-control-allow-origin': FRONT_END } },
      { rule: 'another origin gets none of them', origin: OTHER_SITE, expected: {} },
    ])('$rule', async ({ origin, expected }) => {
      served = await start();
      const answer = await send(served.endpoint, '/api/items', { headers: { origin } });
      const corsHeaders = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => name.startsWith('access-control-')));
      expect(corsHeaders).toEqual(expected);
    });
  });
});

describe("the application's own error handling answers with the CORS headers of an allowed origin", () => {
  it.each([
    { rule: 'Express 5: a route that throws, answered by an error middleware', start: () => expressApp((app) => {
      app.use(cors({ origin: FRONT_END, credentials: true }));
      app.get('/api/items', () => {
        throw new Error('a bug in the route');
      });
    }) },
    { rule: 'Express 4: a route that calls next(error), answered by an error middleware', start: () => expressApp((app) => {
      app.use(cors({ origin: FRONT_END, credentials: true }));
      app.get('/api/items', (_req, _res, next) => next(new Error('a bug in the route')));
    }, express4()) },
    { rule: 'Koa: middleware that throws, answered by an error-handling middleware before it', start: () => koaApp((app) => {
      app.use(koaCors({ origin: FRONT_END, credentials: true }));
      app.use(() => {
        throw new Error('a bug in the route');
      });
    }) },
  ])('$rule', async ({ start }) => {
    served = await start();
    const answer = await send(served.endpoint, '/api/items', { headers: { origin: FRONT_END } });
    expect([answer.status, JSON.parse(answer.body.toString())]).toEqual([500, { error: 'a bug in the route' }]);
    expect([answer.headers['access-control-allow-origin'], answer.headers['access-control-allow-credentials']]).toEqual([FRONT_END, 'true']);
    expect(answer.headers.vary).toBe('Origin');
  });
});

describe('headers removed after the middleware ran come back', () => {
  it('a route that removes every header before answering (as `send` does on errors nobody listens for)', async () => {
    served = await expressApp((app) => {
      app.use(cors({ origin: FRONT_END }));
      app.get('/download', (_req, res) => {
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        res.status(503).send('try later');
      });
    });
    const answer = await send(served.endpoint, '/download', { headers: { origin: FRONT_END } });
    expect(answer.status).toBe(503);
    expect(answer.headers['access-control-allow-origin']).toBe(FRONT_END);
    expect(answer.headers.vary).toBe('Origin');
  });
});

describe('headers a route passes to writeHead itself are merged with the decision', () => {
  // Node applies writeHead's own headers after every setHeader: the decision must see them.
  const head = { 'content-type': 'text/plain', vary: 'Accept-Encoding', 'access-control-allow-origin': '*' };
  it.each([
    { rule: 'an object', write: (res: ServerResponse) => res.writeHead(200, head) },
    { rule: 'an object after a reason phrase', write: (res: ServerResponse) => res.writeHead(200, 'Fine', head) },
    { rule: 'a flat array', write: (res: ServerResponse) => res.writeHead(200, Object.entries(head).flat()) },
    { rule: 'an array of pairs', write: (res: ServerResponse) => res.writeHead(200, Object.entries(head) as unknown as string[]) },
  ])('$rule', async ({ write }) => {
    served = await expressApp((app) => {
      app.use(cors({ origin: FRONT_END }));
      app.get('/report', (_req, res) => {
        write(res);
        res.end('ok');
      });
    });
    const answer = await send(served.endpoint, '/report', { headers: { origin: FRONT_END } });
    expect([answer.status, answer.headers['content-type']]).toEqual([200, 'text/plain']);
    expect(answer.headers['access-control-allow-origin'], "the route's own ACAO never outlives the decision").toBe(FRONT_END);
    expect(answer.headers.vary).toBe('Accept-Encoding, Origin');
  });
});

describe("user code receives the framework's own request", () => {
  it('Express: the origin function and onRefusal get the Express request (originalUrl, get())', async () => {
    const seen: string[] = [];
    const events: string[][] = [];
    served = await expressApp((app) => {
      app.use(
        '/api',
        cors({
          origin: (origin, req: ExpressRequest) => {
            seen.push(`${req.originalUrl} ${req.get('origin')}`);
            return origin === FRONT_END;
          },
          // Inside app.use('/api', ...), Express strips the mount path from req.url and req.path.
          onRefusal: (event: CorsRefusalEvent<ExpressRequest>) => void events.push([event.code, event.request.originalUrl, event.request.path]),
        }),
      );
    });
    await send(served.endpoint, '/api/items?page=2', { headers: { origin: OTHER_SITE } });
    expect(seen).toEqual([`/api/items?page=2 ${OTHER_SITE}`]);
    expect(events).toEqual([['origin.not-allowed', '/api/items?page=2', '/items']]);
  });

  it('Koa: the origin function and onRefusal get the context', async () => {
    const seen: string[] = [];
    const events: CorsRefusalEvent<Koa.Context>[] = [];
    served = await koaApp((app) => {
      app.use(async (ctx, next) => {
        ctx.state.tenant = 'acme';
        await next();
      });
      app.use(
        koaCors({
          origin: (origin, ctx: Koa.Context) => {
            seen.push(`${ctx.state.tenant} ${ctx.path}`);
            return origin === FRONT_END;
          },
          onRefusal: (event) => void events.push(event),
        }),
      );
    });
    await send(served.endpoint, '/api/items', { headers: { origin: OTHER_SITE } });
    expect(seen).toEqual(['acme /api/items']);
    expect(events.map((e) => [e.code, e.request.state.tenant, e.request.originalUrl])).toEqual([['origin.not-allowed', 'acme', '/api/items']]);
  });

  it('node:http: the IncomingMessage', async () => {
    const urls: (string | undefined)[] = [];
    const listener = withCors((_req: IncomingMessage, res) => void res.end('ok'), {
      origin: (origin, req) => {
        urls.push(req.url);
        return origin === FRONT_END;
      },
    });
    const res = { setHeader() {}, getHeader() {}, removeHeader() {}, getHeaderNames: () => [], end() {}, writeHead() {} };
    listener({ method: 'GET', url: '/x', headers: { origin: FRONT_END } } as unknown as IncomingMessage, res as never);
    expect(urls).toEqual(['/x']);
  });
});
