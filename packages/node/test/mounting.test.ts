// Where the middleware is mounted, and what that means: on a sub-path it governs that path
// only (its decisions never depend on the URL, which Express rewrites there); per route it
// needs the route's OPTIONS too; after a body parser it still refuses cross-site writes
// before the routes, and says once that it came late; write protection compares Origin with
// the Host header as received, never with a forwarded host.

import express from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cors, corsByRequest } from '../src/index.js';
import { send } from './support/client.js';
import { expressApp, type Served } from './support/express-apps.js';

const FRONT_END = 'https://myapp.es';
const OTHER_SITE = 'https://evil.example';
const CREDENTIALED = { origin: FRONT_END, credentials: true };
const crossSiteForm = { method: 'POST', headers: { origin: OTHER_SITE, 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' };
const preflight = (origin: string) => ({ method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'DELETE' } });

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
  vi.restoreAllMocks();
});

describe("app.use('/api', cors(...)): the policy governs /api, whatever Express does to req.url there", () => {
  it.each([
    { rule: 'a preflight under /api is answered', path: '/api/items/1', call: preflight(FRONT_END), status: 204, reached: [] },
    { rule: 'a cross-site write under /api is refused before the route', path: '/api/items', call: crossSiteForm, status: 403, reached: [] },
    { rule: 'a deeper path, a query string and encoded characters change nothing', path: '/api/a%2Fb/c?x=/api', call: crossSiteForm, status: 403, reached: [] },
    { rule: 'outside /api, the policy does not apply: no CORS and no write protection (mount it at the root to cover everything)', path: '/public/form', call: crossSiteForm, status: 200, reached: ['POST /public/form'] },
  ])('$rule', async ({ path, call, status, reached }) => {
    served = await expressApp((app) => app.use('/api', cors(CREDENTIALED)));
    const answer = await send(served.endpoint, path, call);
    expect(answer.status).toBe(status);
    expect(served.reached).toEqual(reached);
  });

  it('corsByRequest sees req.url relative to the mount point, and req.originalUrl whole', async () => {
    const admin = cors(CREDENTIALED);
    const open = cors({ origin: '*' });
    const urls: string[] = [];
    served = await expressApp((app) =>
      app.use(
        '/api',
        corsByRequest((req: express.Request) => {
          urls.push(`${req.url} ${req.originalUrl}`);
          return req.originalUrl.startsWith('/api/admin/') ? admin : open;
        }),
      ),
    );
    const refused = await send(served.endpoint, '/api/admin/users', crossSiteForm);
    const opened = await send(served.endpoint, '/api/items', { headers: { origin: OTHER_SITE } });
    expect(urls).toEqual(['/admin/users /api/admin/users', '/items /api/items']);
    expect(refused.status).toBe(403);
    expect(opened.headers['access-control-allow-origin']).toBe('*');
  });

  it('corsByRequest returning undefined leaves the request without CORS, and without write protection', async () => {
    served = await expressApp((app) => app.use(corsByRequest(() => undefined)));
    const answer = await send(served.endpoint, '/api/items', crossSiteForm);
    expect(answer.status).toBe(200);
    expect(answer.headers.vary).toBeUndefined();
    expect(served.reached).toEqual(['POST /api/items']);
  });
});

describe('per route', () => {
  it("app.get('/public', cors({ origin: '*' }), handler) opens that route alone", async () => {
    served = await expressApp((app) => app.get('/public', cors({ origin: '*' }), (_req, res) => void res.send('public')));
    const open = await send(served.endpoint, '/public', { headers: { origin: OTHER_SITE } });
    const other = await send(served.endpoint, '/private', { headers: { origin: OTHER_SITE } });
    expect([open.body.toString(), open.headers['access-control-allow-origin']]).toEqual(['public', '*']);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it.each([
    { rule: "with app.options on the route's path, its preflight is answered", withOptions: true, status: 204, allowOrigin: FRONT_END },
    { rule: "without it, Express answers the preflight itself, without CORS headers (the browser then blocks the request)", withOptions: false, status: 200, allowOrigin: undefined },
  ])('$rule', async ({ withOptions, status, allowOrigin }) => {
    const policy = cors(CREDENTIALED);
    served = await expressApp((app) => {
      if (withOptions) app.options('/items/:id', policy);
      app.delete('/items/:id', policy, (_req, res) => void res.send('deleted'));
    });
    const answer = await send(served.endpoint, '/items/1', preflight(FRONT_END));
    expect(answer.status).toBe(status);
    expect(answer.headers['access-control-allow-origin']).toBe(allowOrigin);
  });
});

describe('after a body parser', () => {
  it('cross-site writes are still refused before the routes, and a warning says once that cors() came late', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    served = await expressApp((app) => {
      app.use(express.urlencoded({ extended: false }));
      app.use(cors(CREDENTIALED));
    });
    for (let i = 0; i < 2; i++) expect((await send(served.endpoint, '/api/items', crossSiteForm)).status).toBe(403);
    expect(served.reached).toEqual([]);
    expect(warn.mock.calls).toEqual([
      [
        'cors() runs after a body parser, which reads the cross-site writes it refuses; mount it first',
        { code: 'PORTCULLIS_AFTER_BODY_PARSER' },
      ],
    ]);
  });

  it('mounted first, the parser never reads a refused write, and no warning', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const parsed: unknown[] = [];
    served = await expressApp((app) => {
      app.use(cors(CREDENTIALED));
      app.use(express.urlencoded({ extended: false }), (req, _res, next) => {
        parsed.push(req.body);
        next();
      });
    });
    expect((await send(served.endpoint, '/api/items', crossSiteForm)).status).toBe(403);
    expect((await send(served.endpoint, '/api/items', { ...crossSiteForm, headers: { ...crossSiteForm.headers, origin: FRONT_END, 'sec-fetch-site': 'same-site' } })).status).toBe(200);
    expect(parsed).toEqual([{ a: '1' }]);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe("write protection compares Origin with the Host header as received (for browsers that send no Sec-Fetch-Site)", () => {
  const write = (host: string, extra: Record<string, string> = {}) => ({ method: 'POST', headers: { origin: 'https://api.myapp.es', host, 'content-type': 'text/plain', ...extra }, body: 'x' });
  it.each([
    { rule: 'a write from the origin the Host names is same-origin, and passes', call: write('api.myapp.es'), status: 200 },
    { rule: 'behind a proxy that rewrites Host, it is refused: never a cross-site write let through', call: write('127.0.0.1:3000'), status: 403 },
    {
      rule: "X-Forwarded-Host is never trusted for it, even with Express's trust proxy",
      call: write('127.0.0.1:3000', { 'x-forwarded-host': 'api.myapp.es', 'x-forwarded-proto': 'https' }),
      status: 403,
    },
  ])('$rule', async ({ call, status }) => {
    const app = express();
    app.set('trust proxy', true);
    served = await expressApp((app) => app.use(cors(CREDENTIALED)), app);
    expect((await send(served.endpoint, '/api/items', call)).status).toBe(status);
  });
});
