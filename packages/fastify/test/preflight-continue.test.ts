import type { FastifyInstance } from 'fastify';
import { describe, expect, test } from 'vitest';
import { CorsConfigError, type CorsDecision } from '../src/index.js';
import { browse } from './browser-judge.js';
import { appWith, corsHeaders, EVIL, MYAPP, ok, PREFLIGHT_VARY, preflight, registrationError } from './helpers.js';

// preflight: 'continue' on an OPTIONS route: the preflights Fastify routes to it reach its
// handler, with the decision (made from the route the browser is about to call) in
// request.corsDecision; the decision's headers are set on whatever the handler sends.

async function continuing(seen: (CorsDecision | null)[]): Promise<FastifyInstance> {
  return appWith({ origin: MYAPP, allowHeaders: ['content-type', 'x-user'] }, (a) => {
    a.options('/items/:id', { config: { cors: { preflight: 'continue' } } }, async (request, reply) => {
      seen.push(request.corsDecision);
      // A handler's own CORS headers never survive: only the decision's are sent.
      reply.header('access-control-allow-origin', '*').header('x-handled', 'yes');
      return reply.code(200).send();
    });
    a.delete('/items/:id', ok);
  });
}

describe("preflight: 'continue' hands preflights to the application's OPTIONS route", () => {
  test('an allowed preflight: the handler sees the decision, the reply carries its headers', async () => {
    const seen: (CorsDecision | null)[] = [];
    const response = await preflight(await continuing(seen), '/items/1', 'DELETE', { requestHeaders: 'x-user' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ kind: 'preflight', allowed: true, status: 204 });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-handled']).toBe('yes');
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': MYAPP,
      'access-control-allow-methods': 'DELETE',
      'access-control-allow-headers': 'content-type, x-user',
      'access-control-max-age': '600',
    });
    expect(response.headers.vary).toBe(PREFLIGHT_VARY);
  });

  test("a refused origin: the handler runs, the reply gets no Access-Control-* header (not even the handler's)", async () => {
    const seen: (CorsDecision | null)[] = [];
    const response = await preflight(await continuing(seen), '/items/1', 'DELETE', { origin: EVIL });
    expect(seen[0]).toMatchObject({ kind: 'preflight', allowed: false, refusal: { code: 'origin.not-allowed' } });
    expect(corsHeaders(response)).toEqual({ 'portcullis-refusal': 'origin https://evil.example is not allowed' });
  });

  test("a preflight for a method no route serves: the handler sees the refusal naming the routed methods, and the reply gets it", async () => {
    const seen: (CorsDecision | null)[] = [];
    const response = await preflight(await continuing(seen), '/items/1', 'PUT');
    expect(seen).toMatchObject([{ kind: 'preflight', allowed: false, status: 204, refusal: { code: 'method.not-allowed', method: 'PUT', allowed: ['DELETE'] } }]);
    expect(response.headers['x-handled']).toBe('yes');
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': MYAPP,
      'access-control-allow-methods': 'DELETE',
      'portcullis-refusal': "method 'PUT' is not allowed (allowed: GET, HEAD, POST, DELETE)",
    });
  });

  test("a preflight to a URL without any route: the handler sees no decision, the reply gets the route's refusal", async () => {
    const seen: (CorsDecision | null)[] = [];
    const response = await preflight(await continuing(seen), '/nowhere', 'PUT');
    expect(seen).toEqual([]);
    expect(response.statusCode).toBe(403);
    expect(response.headers['portcullis-refusal']).toBe('no route matches PUT /nowhere');
  });

  test('a browser concludes from the continued answer as from the plugin’s own', async () => {
    const request = { method: 'DELETE', url: '/items/1', origin: MYAPP, headers: { 'x-user': 'ada' } };
    expect(await browse(await continuing([]), request)).toEqual({
      preflight: 'passed',
      preflightCacheSeconds: 600,
      readable: true,
      status: 200,
      readableHeaders: ['content-length', 'content-type'],
    });
  });

  test("'continue' on a route that does not handle OPTIONS is refused at registration", async () => {
    const error = await registrationError({ origin: MYAPP }, (a) => {
      a.delete('/items/:id', { config: { cors: { preflight: 'continue' } } }, ok);
    });
    expect(error).toBeInstanceOf(CorsConfigError);
    expect((error as CorsConfigError).problems[0]).toMatchObject({
      code: 'route.continue-without-options',
      path: ['routes', 'DELETE /items/:id', 'config', 'cors', 'preflight'],
    });
  });
});

describe('request.corsDecision on every request', () => {
  test.each([
    { rule: 'an allowed origin: the actual decision', url: '/x', origin: MYAPP, expected: { kind: 'actual', allowed: true } },
    { rule: 'a refused origin: the refusal', url: '/x', origin: EVIL, expected: { kind: 'actual', allowed: false, refusal: { code: 'origin.not-allowed', origin: EVIL } } },
    { rule: 'no Origin: not a CORS request', url: '/x', origin: undefined, expected: { kind: 'not-cors', vary: 'Origin' } },
    { rule: 'a route with CORS off: null', url: '/off', origin: MYAPP, expected: null },
  ])('$rule', async ({ url, origin, expected }) => {
    let seen: CorsDecision | null | undefined;
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.get('/x', async (request) => ((seen = request.corsDecision), 'x'));
      a.get('/off', { config: { cors: false } }, async (request) => ((seen = request.corsDecision), 'x'));
    });
    await app.inject({ url, headers: origin === undefined ? {} : { origin } });
    if (expected === null) expect(seen).toBeNull();
    else expect(seen).toMatchObject(expected);
  });
});
