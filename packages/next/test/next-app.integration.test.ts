// The example app, built with `next build` and served by `next start`, answering real HTTP:
// what a browser would send, and what it needs back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExample, removeBuild, startExample, stopBuilds, type RunningApp } from './next-app.js';

const DIST_DIR = '.next-portcullis-test';
const ALLOWED = 'https://myapp.es';
const SUBDOMAIN = 'https://admin.myapp.es';
const OTHER = 'https://evil.example';

let app: RunningApp | undefined;
let buildOutput = '';

beforeAll(async () => {
  buildOutput = await buildExample(DIST_DIR);
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
/** The names of the response's Access-Control-* headers. */
const corsHeaders = (response: Response) => [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));

describe('withCors on app/api/items/[id]: preflights', () => {
  const ROUTE_METHODS = 'GET, PUT, DELETE, HEAD';
  const cases = [
    { rule: 'an exported method from an allowed origin passes', origin: ALLOWED, method: 'PUT', headers: undefined, status: 204, allowed: true },
    { rule: 'a subdomain matched by https://*.myapp.es passes', origin: SUBDOMAIN, method: 'DELETE', headers: undefined, status: 204, allowed: true },
    { rule: 'a disallowed origin is refused', origin: OTHER, method: 'PUT', headers: undefined, status: 403, allowed: false },
    { rule: 'an allowed origin as a prefix of another host is refused', origin: 'https://myapp.es.evil.io', method: 'PUT', headers: undefined, status: 403, allowed: false },
    { rule: 'the apex is not matched by the subdomain pattern of another host', origin: 'https://evilmyapp.es', method: 'PUT', headers: undefined, status: 403, allowed: false },
    { rule: 'the opaque origin null is refused', origin: 'null', method: 'PUT', headers: undefined, status: 403, allowed: false },
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
        expect(response.headers.get('access-control-allow-methods')).toBe(ROUTE_METHODS);
        expect(response.headers.get('access-control-max-age')).toBe('600');
        expect(response.headers.get('portcullis-refusal')).toBeNull();
      } else {
        expect(corsHeaders(response)).toEqual([]);
        expect(response.headers.get('portcullis-refusal')).toMatch(/^origin .* (is not allowed|is never allowed)/);
      }
    });
  }

  // A 2xx the browser reads and still refuses, naming the method or header in its console.
  const explained = [
    {
      rule: 'a method the route lacks (PATCH) is explained: 204, the route methods, never PATCH',
      method: 'PATCH',
      headers: undefined,
      expected: {
        'access-control-allow-methods': ROUTE_METHODS,
        'access-control-allow-headers': null,
        // What the developer reads names exactly what the browser reads.
        'portcullis-refusal': `method 'PATCH' is not allowed (allowed: ${ROUTE_METHODS})`,
      },
    },
    {
      rule: 'an unlisted request header is explained: 204, the allowed headers, never x-secret',
      method: 'PUT',
      headers: 'x-secret',
      expected: {
        'access-control-allow-methods': ROUTE_METHODS,
        'access-control-allow-headers': 'content-type',
        'portcullis-refusal': "request header 'x-secret' is not allowed",
      },
    },
  ];
  for (const c of explained) {
    it(c.rule, async () => {
      const response = await preflight('/api/items/42', ALLOWED, c.method, c.headers);
      expect(await response.text()).toBe('');
      expect(response.status).toBe(204);
      expect(acao(response)).toBe(ALLOWED);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('access-control-max-age')).toBeNull();
      for (const [name, value] of Object.entries(c.expected)) expect(response.headers.get(name), name).toBe(value);
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
    expect(corsHeaders(response)).toEqual([]);
    expect(response.headers.get('portcullis-refusal')).toBe(`origin ${OTHER} is not allowed`);
  });

  it('explains a refused method with exactly the methods Access-Control-Allow-Methods lists', async () => {
    const response = await preflight('/public/time', ALLOWED, 'PURGE');
    await response.arrayBuffer();
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST, PUT, PATCH, DELETE');
    expect(response.headers.get('portcullis-refusal')).toBe("method 'PURGE' is not allowed (allowed: GET, HEAD, POST, PUT, PATCH, DELETE)");
  });

  it('explains a refused header: 204, the allowed headers, never the refused one, no Max-Age', async () => {
    const response = await preflight('/public/time', ALLOWED, 'PUT', 'x-secret');
    await response.arrayBuffer();
    expect(response.status).toBe(204);
    expect(acao(response)).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST, PUT, PATCH, DELETE');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    expect(response.headers.get('access-control-max-age')).toBeNull();
    expect(response.headers.get('portcullis-refusal')).toBe("request header 'x-secret' is not allowed");
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

/** Reports stored by app/api/reports, as its GET lists them. */
async function reportCount(): Promise<number> {
  const response = await send('/api/reports', 'GET');
  return ((await response.json()) as { reports: unknown[] }).reports.length;
}

describe('withCors on app/api/reports (protectWrites: true): cross-origin writes never reach POST', () => {
  const report = JSON.stringify({ title: 'q3' });
  const rows = [
    { rule: 'a form POST from a disallowed origin', headers: { origin: OTHER, 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' }, body: 'title=q3', stored: false },
    { rule: 'a text/plain POST from a disallowed origin', headers: { origin: OTHER, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }, body: report, stored: false },
    { rule: 'a POST from the allowed origin', headers: { origin: ALLOWED, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }, body: report, stored: true },
    { rule: 'a same-origin POST', headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, body: report, stored: true, sameOrigin: true },
    { rule: 'a same-origin POST from a browser without Fetch Metadata', headers: { 'content-type': 'application/json' }, body: report, stored: true, sameOrigin: true },
    { rule: 'a POST without Origin or Sec-Fetch-Site (curl, a server)', headers: { 'content-type': 'application/json' }, body: report, stored: true },
  ];
  for (const row of rows) {
    it(`${row.rule}: ${row.stored ? 'stored' : 'refused with 403, nothing stored'}`, async () => {
      const before = await reportCount();
      const headers: Record<string, string> = row.sameOrigin ? { ...row.headers, origin: app!.url } : row.headers;
      const response = await send('/api/reports', 'POST', headers, row.body);
      const body = await response.text();
      expect(await reportCount()).toBe(before + (row.stored ? 1 : 0));
      if (row.stored) {
        expect(response.status).toBe(201);
        expect(JSON.parse(body)).toEqual({ created: { title: 'q3' } });
        expect(acao(response)).toBe(headers.origin === ALLOWED ? ALLOWED : null);
        return;
      }
      expect(response.status).toBe(403);
      expect(body).toBe('');
      expect(corsHeaders(response)).toEqual([]);
      expect(response.headers.get('portcullis-refusal')).toBe(`cross-site POST from ${OTHER} refused: the origin is not allowed`);
      expect(vary(response)).toContain('origin');
    });
  }

  it("onRefusal: 'log' wrote the refusal, with its fix, through console.warn", () => {
    expect(app!.output()).toContain(
      `portcullis: refused write from ${OTHER}: cross-site POST from ${OTHER} refused: the origin is not allowed; add the origin to origin if that site may write, or set protectWrites: false`,
    );
  });
});

describe('withCors on app/api/items/[id] (credentials: true protects writes by default)', () => {
  for (const method of ['PUT', 'DELETE']) {
    it(`a cross-site ${method} from a disallowed origin is refused before its handler`, async () => {
      const response = await send('/api/items/5', method, { origin: OTHER, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }, method === 'PUT' ? '{}' : undefined);
      expect(await response.text()).toBe('');
      expect(response.status).toBe(403);
      expect(corsHeaders(response)).toEqual([]);
      expect(response.headers.get('portcullis-refusal')).toBe(`cross-site ${method} from ${OTHER} refused: the origin is not allowed`);
    });
  }
});

describe('corsProxy in proxy.ts (protectWrites: true): cross-origin writes never reach the proxy function', () => {
  it('a cross-site POST is refused before requireAuthorization, which would have answered 401', async () => {
    const response = await send('/public/private/report', 'POST', { origin: OTHER, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }, 'x');
    expect(await response.text()).toBe('');
    expect(response.status).toBe(403);
    expect(corsHeaders(response)).toEqual([]);
    expect(response.headers.get('portcullis-refusal')).toBe(`cross-site POST from ${OTHER} refused: the origin is not allowed`);
  });

  const rows = [
    { rule: 'a form POST from a disallowed origin', method: 'POST', headers: { origin: OTHER, 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' }, runs: false },
    { rule: 'a text/plain PUT from a disallowed origin', method: 'PUT', headers: { origin: OTHER, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }, runs: false },
    { rule: 'a PUT from the allowed origin', method: 'PUT', headers: { origin: ALLOWED, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }, runs: true },
    { rule: 'a same-origin PUT', method: 'PUT', headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'text/plain' }, runs: true, sameOrigin: true },
    { rule: 'a PUT without Origin or Sec-Fetch-Site', method: 'PUT', headers: { 'content-type': 'text/plain' }, runs: true },
  ];
  for (const row of rows) {
    it(`/public/time: ${row.rule} ${row.runs ? 'reaches the route' : 'is refused with 403'}`, async () => {
      const headers: Record<string, string> = row.sameOrigin ? { ...row.headers, origin: app!.url } : row.headers;
      const response = await send('/public/time', row.method, headers, 'hello');
      const body = await response.text();
      if (row.runs) {
        expect(response.status).toBe(200);
        expect(JSON.parse(body)).toEqual({ received: 'hello' });
        return;
      }
      expect(response.status).toBe(403);
      expect(body).toBe('');
      expect(response.headers.get('portcullis-refusal')).toBe(`cross-site ${row.method} from ${OTHER} refused: the origin is not allowed`);
    });
  }

  it("the proxy's onRefusal listener got each refusal with the NextRequest (its nextUrl)", () => {
    const output = app!.output();
    expect(output).toContain(`cors refused write of /public/private/report: cross-site POST from ${OTHER} refused: the origin is not allowed;`);
    expect(output).toContain(`cors refused write of /public/time: cross-site PUT from ${OTHER} refused: the origin is not allowed;`);
    expect(output).toContain(`cors refused preflight of /public/time: origin ${OTHER} is not allowed; add '${OTHER}' to origin if that site may read responses`);
    // A listener that threw (a plain Request has no nextUrl) would be reported instead.
    expect(output).not.toContain('the onRefusal listener threw');
  });
});

describe('withCors with a corsByRequest policy on app/api/tenants/[tenant]', () => {
  const ACME = 'https://acme.example';
  const GLOBEX = 'https://globex.example';

  it("a tenant's own front end is allowed, with the route's methods and credentials", async () => {
    const response = await preflight('/api/tenants/acme', ACME, 'PUT', 'content-type');
    await response.arrayBuffer();
    expect(response.status).toBe(204);
    expect(acao(response)).toBe(ACME);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, PUT, HEAD');
  });

  it("another tenant's front end is refused", async () => {
    const response = await preflight('/api/tenants/acme', GLOBEX, 'PUT');
    await response.arrayBuffer();
    expect(response.status).toBe(403);
    expect(corsHeaders(response)).toEqual([]);
    expect(response.headers.get('portcullis-refusal')).toBe(`origin ${GLOBEX} is not allowed`);
  });

  it('an unknown tenant gets no CORS at all: an OPTIONS there is not answered as a preflight', async () => {
    const response = await preflight('/api/tenants/initech', ACME, 'PUT');
    await response.arrayBuffer();
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS, PUT');
    expect(corsHeaders(response)).toEqual([]);
  });

  it("a tenant writes its settings; another tenant's site cannot, and the settings stay", async () => {
    const write = (origin: string, site: string, value: string) =>
      send('/api/tenants/globex', 'PUT', { origin, 'sec-fetch-site': site, 'content-type': 'application/json' }, JSON.stringify({ theme: value }));
    const own = await write('https://admin.globex.example', 'same-site', 'dark');
    expect(await own.json()).toEqual({ tenant: 'globex', settings: { theme: 'dark' } });
    expect(acao(own)).toBe('https://admin.globex.example');
    const foreign = await write(ACME, 'cross-site', 'light');
    expect(await foreign.text()).toBe('');
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('portcullis-refusal')).toBe(`cross-site PUT from ${ACME} refused: the origin is not allowed`);
    const read = await send('/api/tenants/globex', 'GET', { origin: GLOBEX });
    expect(await read.json()).toEqual({ tenant: 'globex', settings: { theme: 'dark' } });
    expect(acao(read)).toBe(GLOBEX);
  });
});

/** How many times `text` occurs in `output`. */
const occurrences = (output: string, text: string) => output.split(text).length - 1;

describe('mistakes that type-check and build are said, once, with the fix (test/example-overlay)', () => {
  const FORGOTTEN = 'portcullis: a route module takes GET, POST from withCors but not its OPTIONS';
  const FORGOTTEN_FIX = 'fix: export const { GET, POST, OPTIONS } = withCors(...)';

  it('a route that exports GET and POST from withCors but not OPTIONS: next build says so', () => {
    expect(occurrences(buildOutput, FORGOTTEN)).toBe(1);
    expect(buildOutput).toContain(FORGOTTEN_FIX);
  });

  it("its preflights get Next's own 204 without CORS headers, and the server says why once", async () => {
    for (let i = 0; i < 2; i++) {
      const response = await preflight('/api/forgotten-options', ALLOWED, 'POST', 'content-type');
      await response.arrayBuffer();
      expect(response.status).toBe(204);
      expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
      expect(corsHeaders(response)).toEqual([]);
    }
    expect(occurrences(app!.output(), FORGOTTEN)).toBe(1);
    expect(app!.output()).toContain(FORGOTTEN_FIX);
  });

  // The proxy allows https://myapp.es; the route's own policy only https://admin.myapp.es.
  it('withCors in a route corsProxy covers too: every request is refused with a 500, never the data', async () => {
    const rows = [
      { origin: ALLOWED, method: 'GET' },
      { origin: 'https://admin.myapp.es', method: 'GET' },
      { origin: undefined, method: 'GET' },
      { origin: ALLOWED, method: 'OPTIONS' },
    ];
    for (const row of rows) {
      const response = await send('/public/with-cors', row.method, row.origin === undefined ? {} : { origin: row.origin });
      expect(response.status, `${row.method} from ${row.origin}`).toBe(500);
      expect(await response.text()).toBe('CORS is configured twice for this path: see the server output.\n');
    }
  });

  it('...and the server says once which path and how to fix it', () => {
    const said = 'portcullis: corsProxy and withCors both handle /public/with-cors,';
    expect(occurrences(app!.output(), said)).toBe(1);
    expect(app!.output()).toContain("fix: keep /public/with-cors out of the proxy's config.matcher, or take withCors out of the route");
  });
});

describe('corsProxy never lets a cache keep one origin\'s answer: Next replaces Vary on pages', () => {
  it('a static page read by an allowed origin goes out uncacheable, never with s-maxage and no Vary: Origin', async () => {
    const response = await send('/public/static-page', 'GET', { origin: ALLOWED });
    expect(await response.text()).toContain('A static page');
    expect(acao(response)).toBe(ALLOWED);
    expect(vary(response)).not.toContain('origin');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('the same page without Origin keeps the caching Next gives it, and no CORS header', async () => {
    const response = await send('/public/static-page', 'GET');
    await response.arrayBuffer();
    expect(acao(response)).toBeNull();
    expect(response.headers.get('cache-control')).toBe('s-maxage=31536000');
  });

  it('a route handler read by an allowed origin: uncacheable too, since the proxy cannot tell it from a page', async () => {
    const response = await send('/public/time', 'GET', { origin: ALLOWED });
    await response.arrayBuffer();
    expect(acao(response)).toBe(ALLOWED);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('a refused origin reads nothing, so caching is left to Next', async () => {
    const response = await send('/public/static-page', 'GET', { origin: OTHER });
    await response.arrayBuffer();
    expect(acao(response)).toBeNull();
    expect(response.headers.get('cache-control')).toBe('s-maxage=31536000');
  });
});
