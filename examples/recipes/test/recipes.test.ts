// Every recipe, run on its real framework: the same preflights and requests, the same answers.
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcess, onBun, onNodeHttp, type Served } from './servers.js';

const FRONT_END = 'https://myapp.es';
const SUBDOMAIN = 'https://admin.myapp.es';
const OTHER_SITE = 'https://evil.example';

const recipes = [
  { file: 'node-http.ts', framework: 'node:http', run: onNodeHttp, postsItems: false },
  { file: 'whatwg-node-server.ts', framework: '@whatwg-node/server', run: onNodeHttp, postsItems: false },
  { file: 'hono.ts', framework: 'Hono, the app wrapped', run: inProcess, postsItems: true },
  { file: 'hono-middleware.ts', framework: 'Hono, as middleware', run: inProcess, postsItems: false },
  { file: 'itty-router.ts', framework: 'itty-router', run: inProcess, postsItems: false },
  { file: 'h3.ts', framework: 'H3', run: inProcess, postsItems: true },
  { file: 'elysia.ts', framework: 'Elysia on Bun', run: onBun, postsItems: true },
];

it('tests every recipe in src/', () => {
  expect(readdirSync(new URL('../src', import.meta.url)).sort()).toEqual(recipes.map((r) => r.file).sort());
});

describe.each(recipes)('$framework ($file)', ({ file, run, postsItems }) => {
  let served: Served;
  beforeAll(async () => {
    served = await run(file);
  });
  afterAll(async () => {
    await served?.close();
  });

  it.each([
    { rule: 'an allowed origin’s preflight is answered', origin: FRONT_END, status: 204, allowOrigin: FRONT_END },
    { rule: 'a preflight from another origin is refused', origin: OTHER_SITE, status: 403, allowOrigin: null },
  ])('$rule', async ({ origin, status, allowOrigin }) => {
    const response = await served.fetch('/api/items', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(status);
    expect(await response.text()).toBe('');
    expect(response.headers.get('access-control-allow-origin')).toBe(allowOrigin);
    expect(response.headers.get('access-control-allow-credentials')).toBe(allowOrigin && 'true');
    expect(response.headers.get('access-control-allow-headers')).toBe(allowOrigin && 'content-type, authorization');
  });

  it.each([
    { rule: 'an allowed origin (a subdomain) may read the answer', origin: SUBDOMAIN, allowOrigin: SUBDOMAIN },
    { rule: 'another origin gets the answer without CORS headers', origin: OTHER_SITE, allowOrigin: null },
  ])('$rule', async ({ origin, allowOrigin }) => {
    const response = await served.fetch('/api/items', { headers: { origin } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ items: [{ id: 1, name: 'portcullis' }] });
    expect(response.headers.get('access-control-allow-origin')).toBe(allowOrigin);
    expect(response.headers.get('access-control-allow-credentials')).toBe(allowOrigin && 'true');
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
  });

  it('a form POST from another site never reaches the application (credentials: true protects writes)', async () => {
    const response = await served.fetch('/api/items', {
      method: 'POST',
      headers: { origin: OTHER_SITE, 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=forged',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('portcullis-refusal')).toBe('cross-site POST from https://evil.example refused: the origin is not allowed');
  });

  if (postsItems) it('a JSON POST from the front end reaches the route, and its answer is readable', async () => {
    const response = await served.fetch('/api/items', {
      method: 'POST',
      headers: { origin: FRONT_END, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'drawbridge' }),
    });
    expect(response.ok).toBe(true);
    expect(await response.json()).toEqual({ created: { name: 'drawbridge' } });
    expect(response.headers.get('access-control-allow-origin')).toBe(FRONT_END);
  });
});
