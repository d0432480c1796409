// The adapter's contract, on every framework it serves, each on a real loopback server: the
// middleware answers preflights and cross-site writes alone; everything else reaches the
// application, and whatever writes the answer (a route, a redirect, a stream, the framework's
// 404 and error handling), an allowed origin gets its CORS headers with the app's `Vary`.

import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameworks, ITEMS, STREAM_CHUNKS, type Running } from './support/apps.js';
import { send, type Answer } from './support/client.js';

const FRONT_END = 'https://myapp.es';
const SUBDOMAIN = 'https://admin.myapp.es';
const OTHER_SITE = 'https://evil.example';

const POLICY = {
  origin: [FRONT_END, 'https://*.myapp.es'],
  credentials: true,
  allowHeaders: ['content-type', 'authorization'],
};

const cors = (answer: Answer) => ({
  allowOrigin: answer.headers['access-control-allow-origin'] ?? null,
  allowCredentials: answer.headers['access-control-allow-credentials'] ?? null,
});

describe.each(frameworks)('$name', (framework) => {
  let app: Running;
  beforeAll(async () => {
    app = await framework.start(POLICY);
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('preflights are answered by the middleware, without the application', () => {
    it.each([
      { rule: "an allowed origin's preflight passes", origin: FRONT_END, status: 204, allowOrigin: FRONT_END, refusal: undefined },
      { rule: "another origin's preflight is refused, saying why", origin: OTHER_SITE, status: 403, allowOrigin: null, refusal: 'origin https://evil.example is not allowed' },
    ])('$rule', async ({ origin, status, allowOrigin, refusal }) => {
      const answer = await send(app.endpoint, '/api/items', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
      });
      expect(answer.status).toBe(status);
      expect(answer.body.length).toBe(0);
      expect(cors(answer).allowOrigin).toBe(allowOrigin);
      expect(answer.headers['access-control-allow-headers'] ?? null).toBe(allowOrigin && 'content-type, authorization');
      expect(answer.headers['portcullis-refusal']).toBe(refusal);
      expect(answer.headers.vary).toBe('Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
      expect(app.counts.options).toBe(0);
    });

    it('an OPTIONS request that is not a preflight reaches the application, with CORS headers', async () => {
      const before = app.counts.options;
      const answer = await send(app.endpoint, '/api/items', { method: 'OPTIONS', headers: { origin: FRONT_END } });
      expect(answer.status).toBe(200);
      expect(answer.body.toString()).toBe('options');
      expect(answer.headers.allow).toBe('GET, POST, OPTIONS');
      expect(cors(answer).allowOrigin).toBe(FRONT_END);
      expect(app.counts.options).toBe(before + 1);
    });
  });

  describe('actual requests reach the application; only an allowed origin may read', () => {
    it.each([
      { rule: 'an allowed origin (a subdomain) gets its CORS headers, which the route already saw', origin: SUBDOMAIN, allowOrigin: SUBDOMAIN, allowCredentials: 'true' },
      { rule: 'another origin gets the answer without CORS headers', origin: OTHER_SITE, allowOrigin: null, allowCredentials: null },
    ])('$rule', async ({ origin, allowOrigin, allowCredentials }) => {
      const answer = await send(app.endpoint, '/api/items', { headers: { origin } });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body.toString())).toEqual({ ...ITEMS, seen: allowOrigin });
      expect(cors(answer)).toEqual({ allowOrigin, allowCredentials });
      // The route's own Vary is kept, and Origin merged into it.
      expect(answer.headers.vary).toBe('Accept-Encoding, Origin');
    });

    it('a request without Origin is served, with Vary: Origin for caches', async () => {
      const answer = await send(app.endpoint, '/api/items');
      expect(answer.status).toBe(200);
      expect(cors(answer)).toEqual({ allowOrigin: null, allowCredentials: null });
      expect(answer.headers.vary).toBe('Accept-Encoding, Origin');
    });
  });

  describe('every answer for an allowed origin carries its CORS headers, whoever writes it', () => {
    it.each([
      { rule: "the framework's 404", path: '/nowhere', status: 404 },
      { rule: 'the error path, after the route threw', path: '/api/error', status: 500 },
      { rule: 'a redirect', path: '/api/redirect', status: 302 },
      { rule: 'a streamed body, which arrives whole', path: '/api/stream', status: 200 },
    ])('$rule', async ({ path, status }) => {
      const answer = await send(app.endpoint, path, { headers: { origin: FRONT_END } });
      expect(answer.status).toBe(status);
      expect(cors(answer)).toEqual({ allowOrigin: FRONT_END, allowCredentials: 'true' });
      expect(answer.headers.vary?.split(', ')).toContain('Origin');
      if (path === '/api/stream') expect(answer.body.toString()).toBe(STREAM_CHUNKS.join(''));
      if (path === '/api/redirect') expect(answer.headers.location).toBe('/api/items');
    });
  });

  it('a large upload reaches the handler untouched, byte for byte', async () => {
    const body = randomBytes(8 * 1024 * 1024);
    const answer = await send(app.endpoint, '/api/upload', {
      method: 'POST',
      headers: { origin: FRONT_END, 'sec-fetch-site': 'same-site', 'content-type': 'application/octet-stream' },
      body,
    });
    // same-site is not same-origin: the front end's writes pass because its origin is allowed.
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString())).toEqual({ bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') });
    expect(cors(answer).allowOrigin).toBe(FRONT_END);
  });

  describe('with credentials, writes from other sites never reach the application', () => {
    it.each([
      { rule: "another site's form POST is refused with 403", origin: OTHER_SITE, site: 'cross-site', status: 403, reached: 0 },
      { rule: 'a sibling subdomain the policy does not list is refused too', origin: 'https://blog.evil.example', site: 'same-site', status: 403, reached: 0 },
      { rule: "the front end's own form POST reaches the route", origin: FRONT_END, site: 'same-site', status: 201, reached: 1 },
      { rule: 'a same-origin form POST reaches the route', origin: 'https://api.myapp.es', site: 'same-origin', status: 201, reached: 1 },
    ])('$rule', async ({ origin, site, status, reached }) => {
      const before = app.counts.writes;
      const answer = await send(app.endpoint, '/api/items', {
        method: 'POST',
        headers: { origin, 'sec-fetch-site': site, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'name=forged',
      });
      expect(answer.status).toBe(status);
      expect(app.counts.writes - before).toBe(reached);
      if (status === 403) {
        expect(cors(answer).allowOrigin).toBeNull();
        expect(answer.headers['portcullis-refusal']).toBe(`${site} POST from ${origin} refused: the origin is not allowed`);
      }
    });
  });
});
