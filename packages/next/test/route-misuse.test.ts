// Mistakes that type-check and build, made loud: a route module that leaves withCors's OPTIONS
// out, and withCors in a route a corsProxy also covers. (next-app.integration.test.ts sees both
// on a real `next build`.)
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { NextResponse, type NextRequest } from 'next/server.js';
import { NextFetchEvent } from 'next/dist/server/web/spec-extension/fetch-event';
import { corsProxy, withCors } from '../src/index.js';
import { ALLOWED, OTHER, request } from './requests.js';

const OPTIONS = { origin: ALLOWED };
const PROXY_MARK = 'x-portcullis-cors-proxy';

let error: MockInstance<typeof console.error>;
beforeEach(() => {
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

/** What the console said once the statement that called withCors is over. */
async function reported(): Promise<string[]> {
  await Promise.resolve();
  return error.mock.calls.map((call) => String(call[0]));
}

describe('withCors: a route module that never takes OPTIONS is reported once, with the fix', () => {
  it('export const { GET, POST } = withCors(...): reported, naming what to export', async () => {
    const { GET, POST } = withCors({ GET: () => new Response('a'), POST: () => new Response('b') }, OPTIONS);
    void [GET, POST];
    const lines = await reported();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^portcullis: a route module takes GET, POST from withCors but not its OPTIONS, so Next\.js answers every preflight there itself, without CORS headers/);
    expect(lines[0]).toContain('fix: export const { GET, POST, OPTIONS } = withCors(...)');
  });

  it('said once, however often its handlers run', async () => {
    const { GET } = withCors({ GET: () => new Response('a') }, OPTIONS);
    await GET(request('GET', { origin: ALLOWED }));
    await Promise.resolve();
    await GET(request('GET', { origin: ALLOWED }));
    expect(await reported()).toHaveLength(1);
  });

  const taken = [
    { rule: 'destructured with the other exports', take: (route: Record<string, unknown>) => void (({ OPTIONS }) => OPTIONS)(route) },
    { rule: 'read as a property before the statement is over', take: (route: Record<string, unknown>) => void route.OPTIONS },
    { rule: "spread into another object (all of withCors's result)", take: (route: Record<string, unknown>) => void { ...route } },
  ];
  for (const row of taken) {
    it(`OPTIONS ${row.rule}: nothing is said`, async () => {
      row.take(withCors({ GET: () => new Response('a') }, OPTIONS));
      expect(await reported()).toEqual([]);
    });
  }

  it('a route with its own OPTIONS handler that withCors wraps must export that one too', async () => {
    const route = withCors({ GET: () => new Response('a'), OPTIONS: () => new Response('own') }, OPTIONS);
    void route.GET;
    expect(await reported()).toEqual([expect.stringContaining('fix: export const { GET, OPTIONS } = withCors(...)')]);
  });
});

function passedOnByProxy(path: string, headers: Record<string, string> = {}): NextRequest {
  return request('GET', { ...headers, [PROXY_MARK]: '1' }, path);
}

describe('withCors behind a corsProxy: no policy can be said to apply, so the route refuses and says why once', () => {
  it('a request the proxy passed on gets a 500, never reaches the handler, and the server output names the path and the fix', async () => {
    const calls: string[] = [];
    const { GET, OPTIONS: options } = withCors({ GET: () => (calls.push('GET'), new Response('data')) }, { origin: ALLOWED, credentials: true });
    const response = await GET(passedOnByProxy('/api/users/1', { origin: OTHER }));
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('CORS is configured twice for this path: see the server output.\n');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(calls).toEqual([]);
    const second = await options(request('OPTIONS', { [PROXY_MARK]: '1' }, '/api/users/1'));
    expect(second.status).toBe(500);
    const lines = await reported();
    expect(lines).toEqual([
      "portcullis: corsProxy and withCors both handle /api/users/1, and their policies would contradict each other (the proxy answers the preflights, and its headers win over the route's), so the route refuses every request; fix: keep /api/users/1 out of the proxy's config.matcher, or take withCors out of the route",
    ]);
  });

  it('a request that did not come through a proxy is served as usual, and nothing is said', async () => {
    const { GET, OPTIONS: options } = withCors({ GET: () => new Response('data') }, OPTIONS);
    void options;
    const response = await GET(request('GET', { origin: ALLOWED }));
    expect(await response.text()).toBe('data');
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(await reported()).toEqual([]);
  });
});

/** The request headers Next gives the route after the proxy answered `response`. */
function overriddenRequestHeaders(response: Response): Record<string, string> {
  const names = response.headers.get('x-middleware-override-headers');
  if (names === null) return {};
  return Object.fromEntries(names.split(',').map((name) => [name, response.headers.get(`x-middleware-request-${name}`) ?? '']));
}

async function throughProxy(proxy: ReturnType<typeof corsProxy>, req: NextRequest): Promise<Response> {
  return proxy(req, new NextFetchEvent({ request: req, page: '/', context: undefined }));
}

describe('corsProxy: what it passes on to Next is marked for withCors and kept out of caches when an origin may read it', () => {
  const rows = [
    {
      rule: 'NextResponse.next() it makes: every request header kept, and the mark',
      proxy: corsProxy(OPTIONS),
      headers: { origin: ALLOWED, cookie: 'a=1' },
      route: { origin: ALLOWED, cookie: 'a=1', [PROXY_MARK]: '1' },
      cacheControl: 'no-store',
    },
    {
      rule: "the application's NextResponse.next({ request }): its headers kept, the mark added",
      proxy: corsProxy(OPTIONS, (req) => {
        const headers = new Headers(req.headers);
        headers.set('x-user', 'ann');
        headers.delete('cookie');
        return NextResponse.next({ request: { headers } });
      }),
      headers: { origin: ALLOWED, cookie: 'a=1' },
      route: { origin: ALLOWED, 'x-user': 'ann', [PROXY_MARK]: '1' },
      cacheControl: 'no-store',
    },
    {
      rule: 'a rewrite: marked too',
      proxy: corsProxy(OPTIONS, (req) => NextResponse.rewrite(new URL('/elsewhere', req.url))),
      headers: { origin: ALLOWED },
      route: { origin: ALLOWED, [PROXY_MARK]: '1' },
      cacheControl: 'no-store',
    },
    {
      rule: 'a refused origin: nothing to read, so caching is left alone',
      proxy: corsProxy(OPTIONS),
      headers: { origin: OTHER },
      route: { origin: OTHER, [PROXY_MARK]: '1' },
      cacheControl: null,
    },
    {
      rule: 'no Origin: caching is left alone',
      proxy: corsProxy(OPTIONS),
      headers: {},
      route: { [PROXY_MARK]: '1' },
      cacheControl: null,
    },
    {
      rule: "'*' names no origin: caching is left alone",
      proxy: corsProxy({ origin: '*' }),
      headers: { origin: ALLOWED },
      route: { origin: ALLOWED, [PROXY_MARK]: '1' },
      cacheControl: null,
    },
  ];
  for (const row of rows) {
    it(row.rule, async () => {
      const response = await throughProxy(row.proxy, request('GET', row.headers, '/page'));
      expect(overriddenRequestHeaders(response)).toEqual(row.route);
      expect(response.headers.get('cache-control')).toBe(row.cacheControl);
    });
  }

  it("a mark a client sent is replaced by the proxy's", async () => {
    const response = await throughProxy(corsProxy(OPTIONS), request('GET', { [PROXY_MARK]: 'forged' }, '/page'));
    expect(overriddenRequestHeaders(response)[PROXY_MARK]).toBe('1');
  });

  it("answers that never reach a route are neither marked nor made uncacheable: the application proxy's 401", async () => {
    const proxy = corsProxy(OPTIONS, () => NextResponse.json({ error: 'sign in' }, { status: 401 }));
    const response = await throughProxy(proxy, request('GET', { origin: ALLOWED }, '/page'));
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('x-middleware-override-headers')).toBeNull();
    expect(response.headers.get('cache-control')).toBeNull();
  });
});
