// corsByRequest: per-request policies (@fastify/cors's `delegator`, the `cors` package's options
// callback) without per-request validation: every candidate is built with cors() up front.
import { describe, expect, it } from 'vitest';
import { cors, corsByRequest } from '../src/index.js';
import { corsHeaders, preflightRequest, request } from './helpers.js';

const admin = cors({ origin: 'https://admin.myapp.es', credentials: true, allowMethods: ['DELETE'] });
const open = cors({ origin: '*' });
const byPath = corsByRequest((req: Request) => {
  const path = new URL(req.url).pathname;
  return path.startsWith('/admin') ? admin : path.startsWith('/internal') ? undefined : open;
});

const at = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  new Request(`https://api.myapp.es${path}`, init);

describe('corsByRequest', () => {
  it.each([
    { rule: 'the admin policy for /admin', req: at('/admin/users', { headers: { origin: 'https://admin.myapp.es' } }), acao: 'https://admin.myapp.es', acac: 'true' },
    { rule: 'the open policy elsewhere', req: at('/status', { headers: { origin: 'https://anyone.example' } }), acao: '*', acac: null },
    { rule: 'the admin policy refuses other origins', req: at('/admin/users', { headers: { origin: 'https://anyone.example' } }), acao: null, acac: null },
  ])('wrap: $rule', async ({ req, acao, acac }) => {
    const response = (await byPath.wrap(() => new Response('x'))(req)) as Response;
    expect(response.headers.get('access-control-allow-origin')).toBe(acao);
    expect(response.headers.get('access-control-allow-credentials')).toBe(acac);
  });

  it('leaves a request alone when no policy is chosen', async () => {
    const response = (await byPath.wrap(() => new Response('x', { headers: { vary: 'accept' } }))(
      at('/internal', { method: 'OPTIONS', headers: { origin: 'https://anyone.example', 'access-control-request-method': 'PUT' } }),
    )) as Response;
    expect(await response.text()).toBe('x');
    expect(corsHeaders(response)).toEqual([]);
    expect(response.headers.get('vary')).toBe('accept');
  });

  it('answers preflights with the chosen policy, and its methods', () => {
    const preflight = (path: string) =>
      byPath.preflight(at(path, { method: 'OPTIONS', headers: { origin: 'https://admin.myapp.es', 'access-control-request-method': 'DELETE' } })) as Response;
    expect(preflight('/admin/users').headers.get('access-control-allow-methods')).toBe('DELETE');
    expect(preflight('/status').headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST, PUT, PATCH, DELETE');
    expect(preflight('/internal')).toBeUndefined();
  });

  it('apply and intercept delegate too; write protection comes from the chosen policy', () => {
    const write = at('/admin/users', { method: 'POST', headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect((byPath.intercept(write) as Response).status).toBe(403);
    const openWrite = at('/status', { method: 'POST', headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(byPath.intercept(openWrite)).toBeUndefined();
    expect((byPath.apply(openWrite, new Response('x')) as Response).headers.get('access-control-allow-origin')).toBe('*');
  });

  it('withRouteMethods routes every chosen policy', () => {
    const routed = corsByRequest(() => cors({ origin: 'https://myapp.es' }).withRouteMethods(['GET'])).withRouteMethods(['PUT']);
    const response = routed.preflight(preflightRequest('https://myapp.es', 'PUT')) as Response;
    expect(response.headers.get('access-control-allow-methods')).toBe('PUT');
  });

  it('wraps a handler once per chosen policy, not per request', () => {
    let wraps = 0;
    const counting = { ...open, wrap: ((h: never) => (wraps++, open.wrap(h))) as typeof open.wrap };
    const handle = corsByRequest(() => counting).wrap(() => new Response('x'));
    for (let i = 0; i < 5; i++) handle(request());
    expect(wraps).toBe(1);
  });

  it('refuses a chooser that is not a function', () => {
    expect(() => corsByRequest(open as never)).toThrow(TypeError);
  });
});
