import type { FastifyInstance, FastifyRequest } from 'fastify';
import { describe, expect, test } from 'vitest';
import { CorsConfigError, type ChosenPolicyOptions } from '../src/index.js';
import { appWith, corsHeaders, MYAPP, ok, preflight, registrationError } from './helpers.js';

// Per-request policies (what @fastify/cors does with `delegator`): every policy is built and
// validated at registration; choosePolicy only picks one by name per request.

const PARTNER = 'https://partner.example';

function byTenant(request: FastifyRequest): 'partners' | 'app' | false {
  if (request.url.startsWith('/internal')) return false;
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
    expect(response.json<{ message: string }>().message).toBe("choosePolicy returned 'nope', which names no policy: return one of app, partners, or false for no CORS");
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
    { rule: 'choosePolicy is required beside policies', options: { policies: { a: { origin: MYAPP } } }, path: ['choosePolicy'], code: 'policies.no-chooser' },
    { rule: 'policies is required beside choosePolicy', options: { choosePolicy: () => false }, path: ['policies'], code: 'policies.invalid' },
    { rule: 'an empty policies object', options: { policies: {}, choosePolicy: () => false }, path: ['policies'], code: 'policies.invalid' },
    { rule: 'core options beside policies belong inside them', options: { policies: { a: { origin: MYAPP } }, choosePolicy: () => 'a', credentials: true }, path: ['credentials'], code: 'policies.option-beside' },
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
