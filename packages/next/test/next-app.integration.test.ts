// The example app, built with `next build` and served by `next start`, answering real HTTP:
// what a browser would send, and what it needs back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExample, removeBuild, startExample, stopBuilds, type RunningApp } from './next-app.js';

const DIST_DIR = '.next-portcullis-test';
const ALLOWED = 'https://myapp.es';
const SUBDOMAIN = 'https://admin.myapp.es';
const OTHER = 'https://evil.example';

let app: RunningApp | undefined;

beforeAll(async () => {
  await buildExample(DIST_DIR);
  app = await startExample(DIST_DIR);
}, 600_000);

afterAll(async () => {
  stopBuilds();
  await app?.stop();
  await removeBuild(DIST_DIR);
});

function send(path: string, method: string, headers: Record<string, string> = {}, body?: string): Promise<Response> {
  if (app === undefined) throw new Error('the example app is not running');
  return fetch(`${app.url}${path}`, { method, headers, body: body ?? null, redirect: 'manual' });
}

function preflight(path: string, origin: string, method: string, requestHeaders?: string): Promise<Response> {
  const headers: Record<string, string> = { origin, 'access-control-request-method': method };
  if (requestHeaders !== undefined) headers['access-control-request-headers'] = requestHeaders;
  return send(path, 'OPTIONS', headers);
}

/** The Vary tokens of a response, lowercased, across all its Vary lines. */
function vary(response: Response): string[] {
  return (response.headers.get('vary') ?? '').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
}

const acao = (response: Response) => response.headers.get('access-control-allow-origin');

describe('withCors on app/api/items/[id]: preflights', () => {
  const cases = [
    { rule: 'an exported method from an allowed origin passes', origin: ALLOWED, method: 'PUT', headers: 'content-type', status: 204, allowed: true },
    { rule: 'a subdomain matched by https://*.myapp.es passes', origin: SUBDOMAIN, method: 'DELETE', headers: undefined, status: 204, allowed: true },
    { rule: 'a method the route lacks (PATCH) is refused', origin: ALLOWED, method: 'PATCH', headers: undefined, status: 403, allowed: false },
    { rule: 'a disallowed origin is refused', origin: OTHER, method: 'PUT', headers: undefined, status: 403, allowed: false },
    { rule: 'an allowed origin as a prefix of another host is refused', origin: 'https://myapp.es.evil.io', method: 'PUT', headers: undefined, status: 403, allowed: false },
    { rule: 'the apex is not matched by the subdomain pattern of another host', origin: 'https://evilmyapp.es', method: 'PUT', headers: undefined, status: 403, allowed: false },
    { rule: 'the opaque origin null is refused', origin: 'null', method: 'PUT', headers: undefined, status: 403, allowed: false },
    { rule: 'an unlisted request header is refused', origin: ALLOWED, method: 'PUT', headers: 'x-secret', status: 403, allowed: false },
  ];
  for (const c of cases) {
    it(c.rule, async () => {
      const response = await preflight('/api/items/42', c.origin, c.method, c.headers);
      await response.arrayBuffer();
      expect(response.status).toBe(c.status);
      expect(vary(response)).toEqual(expect.arrayContaining(['origin', 'access-control-request-method', 'access-control-request-headers']));
      if (c.allowed) {
        expect(acao(response)).toBe(c.origin);
        expect(response.headers.get('access-control-allow-credentials')).toBe('true');
        expect(response.headers.get('access-control-allow-methods')).toBe('GET, PUT, DELETE, HEAD');
        expect(response.headers.get('access-control-max-age')).toBe('600');
      } else {
        expect(acao(response)).toBeNull();
        expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      }
    });
  }

  it('an allowed preflight lists the requested header', async () => {
    const response = await preflight('/api/items/42', ALLOWED, 'PUT', 'content-type');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
  });
});

describe('withCors on app/api/items/[id]: actual requests', () => {
  it('GET from an allowed origin with credentials: the [id] param reaches the handler', async () => {
    const response = await send('/api/items/42', 'GET', { origin: ALLOWED, cookie: 'session=1' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: '42', method: 'GET' });
    expect(acao(response)).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-expose-headers')).toBe('x-item-version');
  });

  it("Vary carries Origin beside the handler's own Accept-Language", async () => {
    const response = await send('/api/items/42', 'GET', { origin: ALLOWED });
    await response.arrayBuffer();
    expect(vary(response)).toEqual(expect.arrayContaining(['accept-language', 'origin']));
  });

  it('GET from a disallowed origin: the body is sent, nothing lets the browser read it', async () => {
    const response = await send('/api/items/42', 'GET', { origin: OTHER });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    expect(acao(response)).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(vary(response)).toContain('origin');
  });

  it('GET without Origin still carries Vary: Origin', async () => {
    const response = await send('/api/items/7', 'GET');
    expect(await response.json()).toMatchObject({ id: '7' });
    expect(acao(response)).toBeNull();
    expect(vary(response)).toContain('origin');
  });

  it('PUT with a JSON body reaches the handler with its [id]', async () => {
    const response = await send('/api/items/abc', 'PUT', { origin: ALLOWED, 'content-type': 'application/json' }, '{"name":"lamp"}');
    expect(await response.json()).toEqual({ id: 'abc', saved: { name: 'lamp' } });
    expect(acao(response)).toBe(ALLOWED);
  });

  it('DELETE reaches its handler', async () => {
    const response = await send('/api/items/9', 'DELETE', { origin: SUBDOMAIN });
    expect(await response.json()).toEqual({ id: '9', deleted: true });
    expect(acao(response)).toBe(SUBDOMAIN);
  });

  it('HEAD, which Next implements from GET, gets the CORS headers too', async () => {
    const response = await send('/api/items/42', 'HEAD', { origin: ALLOWED });
    expect(response.status).toBe(200);
    expect(acao(response)).toBe(ALLOWED);
  });
});

describe('withCors: OPTIONS that is not a preflight', () => {
  it("without an OPTIONS handler: Next's 204 with Allow", async () => {
    const response = await send('/api/items/42', 'OPTIONS');
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('DELETE, GET, HEAD, OPTIONS, PUT');
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
  });

  it("with the route's own OPTIONS handler: that handler answers, readable by an allowed origin", async () => {
    const response = await send('/api/reports', 'OPTIONS', { origin: ALLOWED });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ methods: ['GET', 'POST'], formats: ['json'] });
    expect(acao(response)).toBe(ALLOWED);
  });

  it('a preflight on that route still goes to CORS, not to the handler', async () => {
    const response = await preflight('/api/reports', ALLOWED, 'POST', 'authorization,content-type');
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('corsProxy in proxy.ts, covering /public/*', () => {
  it('answers a preflight for a route that has no CORS code', async () => {
    const response = await preflight('/public/time', ALLOWED, 'PUT', 'content-type');
    expect(response.status).toBe(204);
    expect(acao(response)).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST, PUT, PATCH, DELETE');
  });

  it('refuses a preflight from a disallowed origin', async () => {
    const response = await preflight('/public/time', OTHER, 'PUT');
    await response.arrayBuffer();
    expect(response.status).toBe(403);
    expect(acao(response)).toBeNull();
  });

  it("adds CORS headers to the route's response and keeps its Vary", async () => {
    const response = await send('/public/time', 'GET', { origin: ALLOWED });
    expect(await response.json()).toHaveProperty('now');
    expect(acao(response)).toBe(ALLOWED);
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(vary(response)).toEqual(expect.arrayContaining(['origin', 'accept-encoding']));
  });

  it('sends no CORS header to a disallowed origin, and Vary: Origin', async () => {
    const response = await send('/public/time', 'GET', { origin: OTHER });
    await response.arrayBuffer();
    expect(acao(response)).toBeNull();
    expect(vary(response)).toContain('origin');
  });

  it("makes the application proxy's 401 readable by the allowed origin", async () => {
    const response = await send('/public/private/report', 'GET', { origin: ALLOWED });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'sign in first' });
    expect(acao(response)).toBe(ALLOWED);
  });

  it('answers the preflight of an authenticated request before the authentication check', async () => {
    const response = await preflight('/public/private/report', ALLOWED, 'GET', 'authorization');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
  });

  it('lets the authenticated request through to the route', async () => {
    const response = await send('/public/private/report', 'GET', { origin: ALLOWED, authorization: 'Bearer t' });
    expect(await response.json()).toEqual({ secret: 42 });
    expect(acao(response)).toBe(ALLOWED);
  });

  it('puts CORS headers on a 404, so the browser shows the real error', async () => {
    const response = await send('/public/no-such-thing', 'GET', { origin: ALLOWED });
    await response.arrayBuffer();
    expect(response.status).toBe(404);
    expect(acao(response)).toBe(ALLOWED);
  });

  it('leaves paths outside its matcher alone', async () => {
    const response = await send('/', 'GET', { origin: ALLOWED });
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    expect(acao(response)).toBeNull();
  });
});
