import Fastify from 'fastify';
import { describe, expect, test } from 'vitest';
import portcullis, { CorsConfigError, type CorsConfigProblem } from '../src/index.js';
import { MYAPP, ok, registrationError, track } from './helpers.js';

function problems(error: unknown): readonly CorsConfigProblem[] {
  expect(error).toBeInstanceOf(CorsConfigError);
  return (error as CorsConfigError).problems;
}

describe('plugin options are validated when the plugin is registered', () => {
  test.each([
    { rule: 'a missing origin', options: {}, path: ['origin'], code: 'origin.missing' },
    { rule: 'a name from another library (allowedHeaders)', options: { origin: MYAPP, allowedHeaders: ['x-a'] }, path: ['allowedHeaders'], code: 'option.renamed' },
    { rule: "'*' with credentials", options: { origin: '*', credentials: true }, path: ['origin'], code: 'origin.wildcard-with-credentials' },
    { rule: 'an origin with a path, in a list', options: { origin: [MYAPP, 'https://myapp.es/app'] }, path: ['origin', 1], code: 'origin.path' },
    { rule: 'preflight is true or false', options: { origin: MYAPP, preflight: 'yes' }, path: ['preflight'], code: 'option.invalid-preflight' },
  ])('$rule rejects register/ready with CorsConfigError at $path', async ({ options, path, code }) => {
    expect(problems(await registrationError(options))).toContainEqual(expect.objectContaining({ path, code }));
  });

  test('every problem is listed at once', async () => {
    const found = problems(await registrationError({ origin: 'https://myapp.es/', methods: ['PUT'], hook: 'preHandler', preflightLogLevel: 'loud' }));
    expect(found.map((p) => p.path.join('.')).sort()).toEqual(['hook', 'methods', 'origin', 'preflightLogLevel']);
  });
});

describe("@fastify/cors's options get the Fastify answer", () => {
  test.each([
    { option: 'delegator', value: () => undefined, fix: 'policies: { name: options } and choosePolicy: (request, route) => name | false' },
    { option: 'hook', value: 'preHandler', fix: 'the first onRequest hook' },
    { option: 'preflightContinue', value: true, fix: 'isPreflight(request)' },
    { option: 'logLevel', value: 'silent', fix: 'disableRequestLogging' },
    // The plugin's own option before it learned routes from Fastify: the same answer.
    { option: 'preflightLogLevel', value: 'silent', fix: 'disableRequestLogging' },
    { option: 'prefix', value: '/api', fix: 'register the plugin inside the prefixed plugin' },
    // The core's answers hold in Fastify too.
    { option: 'strictPreflight', value: true, fix: 'strictly' },
    { option: 'hideOptionsRoute', value: true, fix: 'no OPTIONS route' },
    { option: 'cacheControl', value: 600, fix: "rename it to 'preflightCacheControl'" },
    { option: 'optionsSuccessStatus', value: 200, fix: "rename it to 'preflightStatus'" },
    { option: 'methods', value: ['PUT'], fix: "rename it to 'allowMethods'" },
    { option: 'exposedHeaders', value: ['x-a'], fix: "rename it to 'exposeHeaders'" },
  ])('$option', async ({ option, value, fix }) => {
    const [problem, ...rest] = problems(await registrationError({ origin: MYAPP, [option]: value }));
    expect(rest).toEqual([]);
    expect(problem!.path).toEqual([option]);
    expect(problem!.fix).toContain(fix);
  });

  test.each([
    { rule: 'origin: true (reflect every origin)', origin: true, code: 'origin.reflect-all' },
    { rule: 'origin: false (CORS off)', origin: false, code: 'origin.none' },
  ])('$rule', async ({ origin, code }) => {
    const [problem, ...rest] = problems(await registrationError({ origin }));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code, path: ['origin'], value: origin });
  });

  test('options as a function (@fastify/cors’s per-request form) are refused with the Portcullis way', async () => {
    const app = Fastify();
    const error = await app
      .register(portcullis, (() => () => undefined) as never)
      .ready()
      .then(() => undefined, (e: unknown) => e);
    await app.close();
    const [problem] = problems(error);
    expect(problem).toMatchObject({ code: 'options.not-an-object', path: [] });
    expect(problem!.fix).toContain('choosePolicy');
  });
});

describe("a route's config.cors is validated at start-up, located by path segments", () => {
  /** The error ready() rejects with, for a plugin registered without await and one route. */
  async function routeError(cors: unknown, route: { method: 'GET' | ['PUT', 'PATCH']; url: string } = { method: 'GET', url: '/public' }): Promise<unknown> {
    const app = track(Fastify());
    void app.register(portcullis, { origin: MYAPP });
    app.route({ ...route, config: { cors: cors as never }, handler: ok });
    return app.ready().then(() => undefined, (error: unknown) => error);
  }

  test.each([
    { rule: 'a core problem in the override', cors: { origin: '*', credentials: true }, path: ['routes', 'GET /public', 'config', 'cors', 'origin'], code: 'origin.wildcard-with-credentials' },
    { rule: 'a problem deep in a list', cors: { origin: [MYAPP, 'https://a.es/'] }, path: ['routes', 'GET /public', 'config', 'cors', 'origin', 1], code: 'origin.trailing-slash' },
    { rule: 'a misspelt option', cors: { orign: '*' }, path: ['routes', 'GET /public', 'config', 'cors', 'orign'], code: 'option.unknown' },
    { rule: 'true', cors: true, path: ['routes', 'GET /public', 'config', 'cors'], code: 'route.invalid-cors' },
    { rule: 'null', cors: null, path: ['routes', 'GET /public', 'config', 'cors'], code: 'route.invalid-cors' },
    { rule: 'a string', cors: MYAPP, path: ['routes', 'GET /public', 'config', 'cors'], code: 'route.invalid-cors' },
    { rule: 'an option of the plugin, not of a route', cors: { choosePolicy: () => false }, path: ['routes', 'GET /public', 'config', 'cors', 'choosePolicy'], code: 'option.unknown' },
    { rule: 'an @fastify/cors name', cors: { preflightContinue: true }, path: ['routes', 'GET /public', 'config', 'cors', 'preflightContinue'], code: 'option.unsupported' },
  ])('$rule', async ({ cors, path, code }) => {
    expect(problems(await routeError(cors))).toContainEqual(expect.objectContaining({ path, code }));
  });

  test('the message names the route in its path: formatProblemPath renders it', async () => {
    const error = (await routeError({ origin: '*', credentials: true })) as CorsConfigError;
    expect(error.message).toContain('routes["GET /public"].config.cors.origin');
  });

  test('a multi-method route is labelled with all its methods', async () => {
    const error = await routeError({ maxAge: -1 }, { method: ['PUT', 'PATCH'], url: '/bulk' });
    expect(problems(error)).toEqual([expect.objectContaining({ path: ['routes', 'PUT,PATCH /bulk', 'config', 'cors', 'maxAge'] })]);
  });

  test('every route’s problems are listed at once', async () => {
    const app = track(Fastify());
    void app.register(portcullis, { origin: MYAPP });
    app.get('/a', { config: { cors: { maxAge: -1 } } }, ok);
    app.get('/b', { config: { cors: { origin: 'https://b.es/' } } }, ok);
    const error = await app.ready().then(() => undefined, (e: unknown) => e);
    expect(problems(error).map((p) => p.path[1])).toEqual(['GET /a', 'GET /b']);
  });
});

describe('a config.cors that no registration reads is refused at start-up, not ignored', () => {
  test.each([
    { rule: 'an override', cors: { origin: '*' } },
    { rule: 'false, whose write protection would be silently off', cors: false },
  ])('$rule on a root route, the plugin registered in a prefixed scope', async ({ cors }) => {
    const app = track(Fastify());
    void app.register(
      async (api) => {
        void api.register(portcullis, { origin: MYAPP });
      },
      { prefix: '/api' },
    );
    app.post('/transfer', { config: { cors } }, ok);
    const error = await app.ready().then(() => undefined, (e: unknown) => e);
    expect(problems(error)).toEqual([expect.objectContaining({ code: 'route.outside-scope', path: ['routes', 'POST /transfer', 'config', 'cors'] })]);
  });

  test('routes outside every scope without config.cors are simply not governed', async () => {
    const app = track(Fastify());
    void app.register(async (api) => void api.register(portcullis, { origin: MYAPP }), { prefix: '/api' });
    app.post('/transfer', ok);
    await app.ready();
    const response = await app.inject({ method: 'POST', url: '/transfer', headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(response.statusCode).toBe(200);
  });
});
