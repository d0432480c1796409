// Misuse fails loudly and closed: a configuration that cannot be served is refused when cors()
// is called, with its fix; a mistake only a request reveals (the factory mounted uncalled, one
// framework's middleware in another, two policies for one request) reaches the application's
// error handling on every request, and no route runs without its CORS decision.

import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cors as coreCors } from '@portcullis/core';
import connect from 'connect';
import type { RequestHandler } from 'express';
import express4 from 'express4';
import type Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { cors, corsByRequest, CorsConfigError, withCors, type CorsMiddleware } from '../src/index.js';
import { cors as koaCors, corsByRequest as koaCorsByRequest } from '../src/koa.js';
import { send } from './support/client.js';
import { expressApp, koaApp, type Served } from './support/express-apps.js';

const FRONT_END = 'https://myapp.es';

function problems(build: () => unknown): { code: string; path: string; message: string; fix: string }[] {
  try {
    build();
  } catch (error) {
    if (!(error instanceof CorsConfigError)) throw error;
    return error.problems.map((p) => ({ code: p.code, path: p.path.join('.'), message: p.message, fix: p.fix }));
  }
  throw new Error('no CorsConfigError');
}

describe('a configuration pasted from the cors package is refused when cors() is called, with its fix', () => {
  const asIs = (options: unknown) => () => cors(options as never);
  it.each([
    { rule: 'cors() without options has no default origin', build: asIs(undefined), code: 'options.not-an-object', path: '', fix: "pass an object such as { origin: 'https://myapp.es' }" },
    {
      rule: 'origin: true would reflect every origin',
      build: asIs({ origin: true, credentials: true }),
      code: 'origin.reflect-all',
      path: 'origin',
      fix: "list the origins that may read, e.g. origin: ['https://myapp.es'], or origin: '*' for a public API without credentials",
    },
    {
      rule: 'origin: false is no CORS: mount the middleware where you want it',
      build: asIs({ origin: false }),
      code: 'origin.none',
      path: 'origin',
      fix: "mount cors() only where you want CORS",
    },
    {
      rule: 'preflightContinue: preflights are always answered by the middleware',
      build: asIs({ origin: FRONT_END, preflightContinue: true }),
      code: 'option.unsupported',
      path: 'preflightContinue',
      fix: 'cors() always answers preflights; to see them, mount a middleware of your own before it; remove it',
    },
    { rule: 'optionsSuccessStatus is preflightStatus', build: asIs({ origin: FRONT_END, optionsSuccessStatus: 200 }), code: 'option.renamed', path: 'optionsSuccessStatus', fix: "rename it to 'preflightStatus'" },
    { rule: 'methods is allowMethods', build: asIs({ origin: FRONT_END, methods: 'GET,PUT' }), code: 'option.renamed', path: 'methods', fix: "rename it to 'allowMethods'" },
    { rule: 'allowedHeaders is allowHeaders', build: asIs({ origin: FRONT_END, allowedHeaders: ['x-api-key'] }), code: 'option.renamed', path: 'allowedHeaders', fix: "rename it to 'allowHeaders'" },
    { rule: 'exposedHeaders is exposeHeaders', build: asIs({ origin: FRONT_END, exposedHeaders: ['x-total'] }), code: 'option.renamed', path: 'exposedHeaders', fix: "rename it to 'exposeHeaders'" },
    {
      rule: 'an options callback (req, callback) is a choice of policies built once',
      build: asIs(function (_req: unknown, callback: (error: null, options: object) => void) {
        callback(null, { origin: '*' });
      }),
      code: 'options.not-an-object',
      path: '',
      fix: 'build each policy with cors({ ... }) once, and choose one per request with corsByRequest((request) => policy)',
    },
  ])('$rule', ({ build, code, path, fix }) => {
    expect(problems(build)).toContainEqual(expect.objectContaining({ code, path, fix }));
  });
});

describe('a policy built for something else is refused when cors() is called', () => {
  it.each([
    { rule: "a middleware cors() already built is mounted as it is", build: () => cors(cors({ origin: '*' }) as never), fix: 'mount that middleware as it is' },
    { rule: "Koa's middleware comes from @portcullis/node/koa", build: () => cors(koaCors({ origin: '*' }) as never), fix: 'use cors() of @portcullis/node, with the same options' },
    { rule: "Express's middleware comes from @portcullis/node", build: () => koaCors(cors({ origin: '*' }) as never), fix: 'use cors() of @portcullis/node/koa, with the same options' },
    { rule: "@portcullis/core's policy handles Fetch Requests", build: () => cors(coreCors({ origin: '*' }) as never), fix: 'use cors() of @portcullis/node, with the same options' },
    { rule: "withCors takes the same options", build: () => withCors(() => {}, coreCors({ origin: '*' }) as never), fix: 'use cors() of @portcullis/node, with the same options' },
  ])('$rule', ({ build, fix }) => {
    expect(problems(build)).toEqual([expect.objectContaining({ code: 'options.not-an-object', path: '', fix })]);
  });

  it.each([
    { rule: 'withCors needs the listener first', build: () => withCors({ origin: '*' } as never, (() => {}) as never), message: 'withCors(listener, options): the listener comes first, not object' },
    { rule: 'corsByRequest needs a chooser', build: () => corsByRequest({ origin: '*' } as never), message: 'corsByRequest(choose): choose must be a function (request) => middleware | undefined, not object' },
  ])('$rule', ({ build, message }) => {
    expect(build).toThrow(new TypeError(message));
  });
});

/** A Connect app with `middleware` first and a route after it. */
async function connectApp(middleware: unknown): Promise<Served> {
  const errors: unknown[] = [];
  const reached: string[] = [];
  const app = connect();
  app.use(middleware as CorsMiddleware);
  app.use((req: IncomingMessage, res: ServerResponse) => {
    reached.push(`${req.method} ${req.url}`);
    res.end('ok');
  });
  app.use((error: unknown, _req: IncomingMessage, res: ServerResponse, _next: () => void) => {
    errors.push(error);
    res.statusCode = 500;
    res.end();
  });
  const server = createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: { base: `http://127.0.0.1:${port}` },
    errors,
    reached,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const UNCALLED = "call it with your options: app.use(cors({ origin: 'https://myapp.es' }))";

describe('a mistake only a request reveals answers 500 through the app\'s error handling, and no route runs', () => {
  const cases: { rule: string; start: () => Promise<Served>; error: RegExp | string }[] = [
    { rule: 'Express 5: app.use(cors), uncalled', start: () => expressApp((app) => app.use(cors as unknown as RequestHandler)), error: UNCALLED },
    { rule: 'Express 4: app.use(cors), uncalled', start: () => expressApp((app) => app.use(cors as unknown as RequestHandler), express4()), error: UNCALLED },
    { rule: 'Connect: app.use(cors), uncalled', start: () => connectApp(cors), error: UNCALLED },
    { rule: 'Koa: app.use(cors), uncalled', start: () => koaApp((app) => app.use(koaCors as unknown as Koa.Middleware)), error: UNCALLED },
    {
      rule: "Express: Koa's middleware",
      start: () => expressApp((app) => app.use(koaCors({ origin: FRONT_END }) as unknown as RequestHandler)),
      error: "Koa's cors() outside Koa: import cors from @portcullis/node",
    },
    {
      rule: "Koa: Express's middleware",
      start: () => koaApp((app) => app.use(cors({ origin: FRONT_END }) as unknown as Koa.Middleware)),
      error: "Express's cors() in Koa: import cors from @portcullis/node/koa",
    },
    {
      rule: 'Express: corsByRequest choosing options instead of a middleware',
      start: () => expressApp((app) => app.use(corsByRequest((() => ({ origin: '*' })) as never))),
      error: 'corsByRequest: choose must return a middleware built by cors() of @portcullis/node, or undefined; it returned object',
    },
    {
      rule: "Koa: corsByRequest choosing Express's middleware",
      start: () => koaApp((app) => app.use(koaCorsByRequest((() => cors({ origin: '*' })) as never))),
      error: 'corsByRequest: choose must return a middleware built by cors() of @portcullis/node/koa, or undefined; it returned function',
    },
    {
      rule: 'Express: two policies mounted on overlapping paths',
      start: () =>
        expressApp((app) => {
          app.use(cors({ origin: '*' }));
          app.use('/admin', cors({ origin: FRONT_END, credentials: true }));
        }),
      error: 'two CORS policies apply to GET /admin/users: mount each cors() on its own paths, or use corsByRequest',
    },
    {
      rule: 'Koa: two policies in one chain',
      start: () =>
        koaApp((app) => {
          app.use(koaCors({ origin: '*' }));
          app.use(koaCors({ origin: FRONT_END, credentials: true }));
        }),
      error: 'two CORS policies apply to GET /admin/users: mount each cors() on its own paths, or use corsByRequest',
    },
  ];

  it.each(cases)('$rule', async ({ start, error }) => {
    const served = await start();
    try {
      const answer = await send(served.endpoint, '/admin/users', { headers: { origin: FRONT_END } });
      expect(answer.status).toBe(500);
      expect(served.reached).toEqual([]);
      expect(served.errors).toHaveLength(1);
      expect((served.errors[0] as Error).message).toContain(error);
    } finally {
      await served.close();
    }
  });

  it('the same middleware mounted twice decides once, and the route runs', async () => {
    const policy = cors({ origin: FRONT_END });
    const served = await expressApp((app) => {
      app.use(policy);
      app.use('/admin', policy);
    });
    try {
      const answer = await send(served.endpoint, '/admin/users', { headers: { origin: FRONT_END } });
      expect(answer.status).toBe(200);
      expect(answer.headers['access-control-allow-origin']).toBe(FRONT_END);
      expect(answer.headers.vary).toBe('Origin');
      expect(served.reached).toEqual(['GET /admin/users']);
    } finally {
      await served.close();
    }
  });
});
