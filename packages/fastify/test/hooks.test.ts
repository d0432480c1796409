import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';
import { describe, expect, test } from 'vitest';
import portcullis, { isPreflight } from '../src/index.js';
import { appWith, corsHeaders, logCapture, MYAPP, ok, preflight, track } from './helpers.js';

// Where preflights are answered: in the plugin's onRequest hook, which the plugin adds when the
// application is created (it is imported first), so that it runs before every other plugin's,
// wherever the plugin is registered. Browsers never send credentials on a preflight, so an
// authentication hook that ran first would reject it.

/** An authentication plugin whose onRequest hook answers 401 without a token. */
function authPlugin(skipPreflights: boolean) {
  return fp((app: FastifyInstance, _options: unknown, done: (error?: Error) => void) => {
    app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, next: HookHandlerDoneFunction) => {
      if (skipPreflights && isPreflight(request)) return next();
      if (request.headers.authorization !== 'Bearer token') return reply.code(401).send({ error: 'unauthorized' });
      next();
    });
    done();
  });
}

async function appWithAuth(order: 'auth first' | 'plugin first', skipPreflights = false): Promise<FastifyInstance> {
  const app = track(Fastify());
  const cors = { origin: MYAPP, allowHeaders: ['authorization'] };
  if (order === 'auth first') await app.register(authPlugin(skipPreflights));
  void app.register(portcullis, cors);
  if (order === 'plugin first') await app.register(authPlugin(skipPreflights));
  app.delete('/items/:id', ok);
  await app.ready();
  return app;
}

describe('an authentication hook and preflights', () => {
  test.each([
    { rule: 'registered after the plugin, it never sees preflights', order: 'plugin first' as const, skip: false, status: 204 },
    { rule: 'registered before the plugin, it never sees them either', order: 'auth first' as const, skip: false, status: 204 },
    { rule: 'registered before the plugin, skipping preflights with isPreflight(request): the same', order: 'auth first' as const, skip: true, status: 204 },
  ])('$rule', async ({ order, skip, status }) => {
    const app = await appWithAuth(order, skip);
    const response = await preflight(app, '/items/1', 'DELETE', { requestHeaders: 'authorization' });
    expect(response.statusCode).toBe(status);
  });

  test.each([
    { rule: 'auth registered after the plugin', order: 'plugin first' as const },
    { rule: 'auth registered before the plugin', order: 'auth first' as const },
  ])('the 401 of an unauthenticated actual request carries CORS headers, so the page can read it: $rule', async ({ order }) => {
    const response = await (await appWithAuth(order)).inject({ method: 'DELETE', url: '/items/1', headers: { origin: MYAPP } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['access-control-allow-origin']).toBe(MYAPP);
    expect(response.headers.vary).toBe('Origin');
  });

  test('isPreflight: OPTIONS with Origin and Access-Control-Request-Method, nothing else', async () => {
    const seen: boolean[] = [];
    const app = track(Fastify());
    app.addHook('onRequest', async (request) => {
      seen.push(isPreflight(request));
    });
    app.all('/x', ok);
    await app.ready();
    await app.inject({ method: 'OPTIONS', url: '/x', headers: { origin: MYAPP, 'access-control-request-method': 'PUT' } });
    await app.inject({ method: 'OPTIONS', url: '/x', headers: { origin: MYAPP } });
    await app.inject({ method: 'OPTIONS', url: '/x', headers: { 'access-control-request-method': 'PUT' } });
    await app.inject({ method: 'PUT', url: '/x', headers: { origin: MYAPP, 'access-control-request-method': 'PUT' } });
    expect(seen).toEqual([true, false, false, false]);
  });
});

describe('preflight: false leaves every preflight to Fastify, unlike config.cors: false', () => {
  async function app(): Promise<FastifyInstance> {
    return appWith({ origin: MYAPP, preflight: false }, (a) => {
      a.put('/items/:id', ok);
      a.options('/own', async () => 'own options');
      a.put('/own', ok);
    });
  }

  test.each([
    { rule: 'a route without OPTIONS: Fastify’s 404', url: '/items/1', status: 404, body: undefined },
    { rule: "a route with the application's OPTIONS handler: it answers", url: '/own', status: 200, body: 'own options' },
    { rule: 'a URL without any route: Fastify’s 404, not a refusal', url: '/nowhere', status: 404, body: undefined },
  ])('$rule', async ({ url, status, body }) => {
    const response = await preflight(await app(), url, 'PUT');
    expect(response.statusCode).toBe(status);
    if (body !== undefined) expect(response.body).toBe(body);
    expect(response.headers['portcullis-refusal']).toBeUndefined();
  });

  test('actual requests keep their CORS headers', async () => {
    const response = await (await app()).inject({ method: 'PUT', url: '/items/1', headers: { origin: MYAPP } });
    expect(corsHeaders(response)).toEqual({ 'access-control-allow-origin': MYAPP });
  });
});

describe("quiet preflights are Fastify's to ask for: disableRequestLogging with isPreflight", () => {
  async function logged(serverOptions: { logController?: LogController } = {}) {
    const { stream, lines } = logCapture();
    const app = track(Fastify({ logger: { stream, level: 'info' }, ...serverOptions }));
    void app.register(portcullis, { origin: MYAPP, onRefusal: 'log' });
    app.put('/items/:id', ok);
    await app.ready();
    await preflight(app, '/items/1', 'PUT');
    await preflight(app, '/items/1', 'PUT', { origin: 'https://evil.example' });
    const preflightLines = lines.map((line) => line.msg);
    lines.length = 0;
    await app.inject({ method: 'PUT', url: '/items/1', headers: { origin: MYAPP } });
    return { preflightLines, actualLines: lines.map((line) => line.msg) };
  }

  const refused = "portcullis: refused preflight from https://evil.example: origin https://evil.example is not allowed; add 'https://evil.example' to origin if that site may read responses";

  test('by default, each preflight logs like any request, and refusals warn', async () => {
    const { preflightLines } = await logged();
    expect(preflightLines).toEqual(['incoming request', 'request completed', 'incoming request', refused, 'request completed']);
  });

  test("with Fastify's LogController skipping preflights: only the refusals", async () => {
    const logController = new LogController({ disableRequestLogging: (request: FastifyRequest) => isPreflight(request) });
    const { preflightLines, actualLines } = await logged({ logController });
    expect(preflightLines).toEqual([refused]);
    expect(actualLines).toEqual(['incoming request', 'request completed']);
  });
});
