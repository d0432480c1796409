import type { FastifyInstance, FastifyRequest } from 'fastify';
import { describe, expect, test } from 'vitest';
import { CorsConfigError, type ChosenPolicyOptions } from '../src/index.js';
import { appWith, corsHeaders, MYAPP, ok, preflight, registrationError } from './helpers.js';

// Per-request policies (what @fastify/cors does with `delegator`): every policy is built and
// validated at registration; choosePolicy only picks one by name per request.

const PARTNER = 'https://partner.example';

function byTenant(request: FastifyRequest, route: string | undefined): 'partners' | 'app' | false {
  if (route?.startsWith('/internal/')) return false;
  return request.headers.host === 'partners.api.test' ? 'partners' : 'app';
}

const options = {
  policies: {
    app: { origin: MYAPP, credentials: true },
    partners: { origin: [PARTNER], allowHeaders: ['x-api-key'], exposeHeaders: ['x-quota'] },
  },
  choosePolicy: byTenant,
} satisfies ChosenPolicyOptions<'app' | 'partners'>;

async function app(): Promise<FastifyInstance> {
  return appWith(options, (a) => {
    a.get('/items/:id', ok);
    a.delete('/items/:id', ok);
    a.get('/internal/stats', ok);
    a.get('/wide', { config: { cors: { exposeHeaders: ['x-wide'] } } }, ok);
  });
}

describe('choosePolicy picks, per request, among policies built at registration', () => {
  test.each([
    { rule: 'the app policy for the app host', host: 'api.test', origin: MYAPP, requestHeaders: 'content-type', status: 204, acao: MYAPP, acac: 'true', refusal: undefined },
    { rule: 'the partner policy for the partner host', host: 'partners.api.test', origin: PARTNER, requestHeaders: 'x-api-key', status: 204, acao: PARTNER, acac: undefined, refusal: undefined },
    {
      rule: "the partner policy refuses the app's origin",
      host: 'partners.api.test',
      origin: MYAPP,
      requestHeaders: 'x-api-key',
      status: 403,
      acao: undefined,
      acac: undefined,
      refusal: 'origin https://myapp.es is not allowed',
    },
    {
      rule: "the app policy refuses the partner's header (explained)",
      host: 'api.test',
      origin: MYAPP,
      requestHeaders: 'x-api-key',
      status: 204,
      acao: MYAPP,
      acac: 'true',
      refusal: "request header 'x-api-key' is not allowed",
    },
  ])('preflights: $rule, with the route’s methods', async ({ host, origin, requestHeaders, status, acao, acac, refusal }) => {
    const response = await preflight(await app(), '/items/1', 'DELETE', { origin, requestHeaders, headers: { host } });
    expect(response.statusCode).toBe(status);
    expect(response.headers['access-control-allow-origin']).toBe(acao);
    expect(response.headers['access-control-allow-credentials']).toBe(acac);
    expect(response.headers['portcullis-refusal']).toBe(refusal);
    if (acao !== undefined) expect(response.headers['access-control-allow-methods']).toBe('GET, HEAD, DELETE');
  });

  test.each([
    { rule: 'the app policy', host: 'api.test', origin: MYAPP, cors: { 'access-control-allow-origin': MYAPP, 'access-control-allow-credentials': 'true' } },
    { rule: 'the partner policy', host: 'partners.api.test', origin: PARTNER, cors: { 'access-control-allow-origin': PARTNER, 'access-control-expose-headers': 'x-quota' } },
  ])('actual requests: $rule', async ({ host, origin, cors }) => {
    const response = await (await app()).inject({ url: '/items/1', headers: { host, origin } });
    expect(corsHeaders(response)).toEqual(cors);
  });

  test('false: no CORS at all for that request', async () => {
    const a = await app();
    expect(corsHeaders(await a.inject({ url: '/internal/stats', headers: { origin: MYAPP } }))).toEqual({});
    expect((await preflight(a, '/internal/stats', 'GET', { requestHeaders: 'x-api-key' })).statusCode).toBe(404);
  });

  test("a route's config.cors is merged over whichever policy is chosen", async () => {
    const a = await app();
    const partner = await a.inject({ url: '/wide', headers: { host: 'partners.api.test', origin: PARTNER } });
    expect(partner.headers['access-control-expose-headers']).toBe('x-wide');
    const own = await a.inject({ url: '/wide', headers: { host: 'api.test', origin: MYAPP } });
    expect(corsHeaders(own)).toEqual({ 'access-control-allow-origin': MYAPP, 'access-control-allow-credentials': 'true', 'access-control-expose-headers': 'x-wide' });
  });

  test('a name that is no policy is a 500, like any handler error', async () => {
    const a = await appWith({ ...options, choosePolicy: () => 'nope' as 'app' }, (s) => {
      s.get('/x', ok);
    });
    const response = await a.inject({ url: '/x', headers: { origin: MYAPP } });
    expect(response.statusCode).toBe(500);
    expect(response.json<{ message: string }>().message).toBe("choosePolicy returned 'nope', which names no policy: return one of app, partners, or false");
  });
});

describe('every policy is validated at registration, where it was written', () => {
  test.each<{ rule: string; options: unknown; route?: Record<string, unknown>; path: (string | number)[]; code: string }>([
    {
      rule: "a policy's problem is located under policies.<name>",
      options: { policies: { ok: { origin: MYAPP }, bad: { origin: '*', credentials: true } }, choosePolicy: () => 'ok' },
      path: ['policies', 'bad', 'origin'],
      code: 'origin.wildcard-with-credentials',
    },
    { rule: 'choosePolicy is required beside policies', options: { policies: { a: { origin: MYAPP } } }, path: ['choosePolicy'], code: 'policies.invalid' },
    { rule: 'policies is required beside choosePolicy', options: { choosePolicy: () => false }, path: ['policies'], code: 'policies.invalid' },
    { rule: 'an empty policies object', options: { policies: {}, choosePolicy: () => false }, path: ['policies'], code: 'policies.invalid' },
    { rule: 'a policy that is not options', options: { policies: { a: 'https://myapp.es' }, choosePolicy: () => 'a' }, path: ['policies', 'a'], code: 'policies.invalid' },
    { rule: 'options beside policies are checked in each policy they are merged into', options: { policies: { a: { origin: '*' } }, choosePolicy: () => 'a', credentials: true }, path: ['policies', 'a', 'origin'], code: 'origin.wildcard-with-credentials' },
    {
      rule: 'a route override is checked against every policy',
      options: { policies: { a: { origin: MYAPP }, b: { origin: '*' } }, choosePolicy: () => 'a' },
      route: { credentials: true },
      path: ['routes', 'GET /x', 'config', 'cors', 'origin'],
      code: 'origin.wildcard-with-credentials',
    },
  ])('$rule', async ({ options: given, route, path, code }) => {
    const error = await registrationError(given, (a) => {
      a.get('/x', { config: { cors: route ?? {} } }, ok);
    });
    expect(error).toBeInstanceOf(CorsConfigError);
    expect((error as CorsConfigError).problems).toContainEqual(expect.objectContaining({ path, code }));
  });
});

describe('options beside policies are shared: each policy is merged over them', () => {
  test('credentials beside policies apply to every policy that does not say otherwise', async () => {
    const app = await appWith(
      { credentials: true, policies: { app: { origin: MYAPP }, open: { origin: PARTNER, credentials: false } }, choosePolicy: (_request, route) => (route === '/open' ? 'open' : 'app') },
      (a) => {
        a.get('/mine', ok);
        a.get('/open', ok);
      },
    );
    expect(corsHeaders(await app.inject({ url: '/mine', headers: { origin: MYAPP } }))).toEqual({ 'access-control-allow-origin': MYAPP, 'access-control-allow-credentials': 'true' });
    expect(corsHeaders(await app.inject({ url: '/open', headers: { origin: PARTNER } }))).toEqual({ 'access-control-allow-origin': PARTNER });
  });
});

// The admin API is for the admin site only; the rest is for every site of the app. Chosen by
// the route Fastify matched: request.url is as the client wrote it.
const adminApi = {
  policies: {
    admin: { origin: 'https://admin.myapp.es', credentials: true },
    app: { origin: 'https://*.myapp.es', credentials: true },
  },
  choosePolicy: (_request: FastifyRequest, route: string | undefined) => (route?.startsWith('/admin/') ? 'admin' : 'app'),
} satisfies ChosenPolicyOptions<'admin' | 'app'>;

describe('choosePolicy sees the route as Fastify matched it, however the client wrote the URL', () => {
  const ADMIN = 'https://admin.myapp.es';
  // A page of the app on another subdomain (user content, say): same-site, but not the admin's.
  const BLOG = 'https://blog.myapp.es';
  const reached: string[] = [];
  async function app(serverOptions = {}): Promise<FastifyInstance> {
    return appWith(
      adminApi,
      (a) => {
        a.post('/admin/users/:id', async (request) => reached.push(request.url));
        a.post('/posts', ok);
      },
      serverOptions,
    );
  }

  test.each([
    { rule: 'as written', url: '/admin/users/1', options: {} },
    { rule: 'percent-encoded', url: '/%61dmin/users/1', options: {} },
    { rule: 'percent-encoded, in the parameter too', url: '/admin/%75sers/1', options: {} },
    { rule: 'with a doubled slash (ignoreDuplicateSlashes)', url: '//admin//users/1', options: { routerOptions: { ignoreDuplicateSlashes: true } } },
    { rule: 'in another case (caseSensitive: false)', url: '/ADMIN/Users/1', options: { routerOptions: { caseSensitive: false } } },
    { rule: 'with a trailing slash (ignoreTrailingSlash)', url: '/admin/users/1/', options: { routerOptions: { ignoreTrailingSlash: true } } },
  ])("a credentialed POST from another site of the app to the admin route, $rule, is refused before the handler", async ({ url, options }) => {
    const a = await app(options);
    reached.length = 0;
    // The route is Fastify's: the same request from the admin site reaches it.
    const admin = await a.inject({ method: 'POST', url, headers: { origin: ADMIN, 'sec-fetch-site': 'same-site', cookie: 'session=1', 'content-type': 'text/plain' }, payload: 'x' });
    expect(admin.statusCode).toBe(200);
    expect(reached).toEqual([url]);
    const blog = await a.inject({ method: 'POST', url, headers: { origin: BLOG, 'sec-fetch-site': 'same-site', cookie: 'session=1', 'content-type': 'text/plain' }, payload: 'x' });
    expect(reached).toEqual([url]);
    expect(blog.statusCode).toBe(403);
    expect(blog.headers['portcullis-refusal']).toBe('same-site POST from https://blog.myapp.es refused: the origin is not allowed');
  });

  test.each([
    { rule: 'percent-encoded', url: '/%61dmin/users/1' },
    { rule: 'as written', url: '/admin/users/1' },
  ])('its preflight, $rule, is decided by the admin policy', async ({ url }) => {
    const blog = await preflight(await app(), url, 'POST', { origin: BLOG, requestHeaders: 'content-type' });
    expect(blog.statusCode).toBe(403);
    const admin = await preflight(await app(), url, 'POST', { origin: ADMIN, requestHeaders: 'content-type' });
    expect(admin.headers['access-control-allow-origin']).toBe(ADMIN);
  });

  test('the app policy still lets its sites write elsewhere', async () => {
    const response = await (await app()).inject({ method: 'POST', url: '/posts', headers: { origin: BLOG, 'sec-fetch-site': 'same-site' } });
    expect(response.statusCode).toBe(200);
  });
});
