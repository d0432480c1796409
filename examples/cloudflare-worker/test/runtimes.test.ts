// The same Worker code, bundled with the built @portcullis/core as wrangler and Vercel bundle
// it, on the real runtimes: workerd (through miniflare) and the Vercel Edge runtime
// (edge-runtime), each behind a real HTTP server on loopback.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleEdgeFunction, bundleWorker } from '../scripts/bundle.js';
import { startEdge } from '../scripts/edge.js';
import { startWorkerd, type Running } from '../scripts/workerd.js';

const FRONT_END = 'https://myapp.es';
const OTHER_SITE = 'https://evil.example';

const runtimes = [
  { runtime: 'workerd (miniflare)', start: startWorkerd },
  { runtime: 'the Vercel Edge runtime (edge-runtime)', start: startEdge },
];

describe('the bundles', () => {
  it.each([
    { bundle: 'the Worker', make: () => bundleWorker('src/worker.ts') },
    { bundle: 'the Edge Function', make: () => bundleEdgeFunction('src/vercel-edge.ts') },
  ])('$bundle takes @portcullis/core from its build, not its sources', async ({ make }) => {
    const { inputs } = await make();
    expect(inputs).toContain('../../packages/core/dist/index.js');
    expect(inputs.filter((input) => input.includes('packages/core/src/'))).toEqual([]);
  });
});

describe.each(runtimes)('on $runtime', ({ start }) => {
  let server: Running;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server?.close();
  });

  const call = (path: string, init?: RequestInit) => fetch(new URL(path, server.url), init);

  describe('preflights', () => {
    it.each([
      {
        rule: 'an allowed origin is answered without reaching the API',
        origin: FRONT_END,
        status: 204,
        allowOrigin: FRONT_END,
        allowCredentials: 'true',
        allowHeaders: 'content-type, authorization',
      },
      {
        rule: 'another origin is refused with 403 and no CORS headers',
        origin: OTHER_SITE,
        status: 403,
        allowOrigin: null,
        allowCredentials: null,
        allowHeaders: null,
      },
    ])('$rule', async ({ origin, status, allowOrigin, allowCredentials, allowHeaders }) => {
      const response = await call('/api/items', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(response.status).toBe(status);
      expect(await response.text()).toBe('');
      expect(response.headers.get('access-control-allow-origin')).toBe(allowOrigin);
      expect(response.headers.get('access-control-allow-credentials')).toBe(allowCredentials);
      expect(response.headers.get('access-control-allow-headers')).toBe(allowHeaders);
      // The reason, for DevTools; its wording is the core's to choose.
      if (status === 403) expect(response.headers.get('portcullis-refusal')).toMatch(/origin/i);
      expect(response.headers.get('vary')).toContain('Origin');
    });
  });

  describe('actual requests', () => {
    it.each([
      {
        rule: 'an allowed origin may read the response and its exposed header',
        origin: FRONT_END,
        allowOrigin: FRONT_END,
        allowCredentials: 'true',
        exposeHeaders: 'x-request-id',
      },
      {
        rule: 'another origin gets the response without any CORS header',
        origin: OTHER_SITE,
        allowOrigin: null,
        allowCredentials: null,
        exposeHeaders: null,
      },
      {
        rule: 'a request without Origin is not CORS and gets no CORS header',
        origin: undefined,
        allowOrigin: null,
        allowCredentials: null,
        exposeHeaders: null,
      },
    ])('$rule; Vary: Origin is merged into the API’s own Vary: Accept', async (row) => {
      const response = await call('/api/items', { headers: row.origin === undefined ? {} : { origin: row.origin } });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ items: [{ id: 1, name: 'portcullis' }, {}, {}] });
      expect(response.headers.get('access-control-allow-origin')).toBe(row.allowOrigin);
      expect(response.headers.get('access-control-allow-credentials')).toBe(row.allowCredentials);
      expect(response.headers.get('access-control-expose-headers')).toBe(row.exposeHeaders);
      expect(response.headers.get('vary')).toBe('Accept, Origin');
    });

    it('a JSON POST from the front end reaches the API and its answer is readable', async () => {
      const response = await call('/api/items', {
        method: 'POST',
        headers: { origin: FRONT_END, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'murder hole' }),
      });
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ created: { name: 'murder hole' } });
      expect(response.headers.get('access-control-allow-origin')).toBe(FRONT_END);
      expect(response.headers.get('vary')).toBe('Origin');
    });
  });

  describe('responses whose headers are immutable', () => {
    it('a Response.redirect() keeps its status and Location and gains the CORS headers', async () => {
      const response = await call('/api/items/latest', { headers: { origin: FRONT_END }, redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(new URL('/api/items/3', server.url).href);
      expect(response.headers.get('access-control-allow-origin')).toBe(FRONT_END);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('vary')).toBe('Origin');
    });

    it.each([
      {
        rule: 'an allowed origin gets our CORS headers in place of the upstream’s `*`',
        origin: FRONT_END,
        allowOrigin: FRONT_END,
        allowCredentials: 'true',
      },
      {
        rule: 'another origin gets none: the upstream’s `*` is removed',
        origin: OTHER_SITE,
        allowOrigin: null,
        allowCredentials: null,
      },
    ])('a fetch() result passed through from the inventory service: $rule', async (row) => {
      const response = await call('/api/stock/moat', { headers: { origin: row.origin } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ name: 'moat', count: 1 });
      expect(response.headers.get('x-served-by')).toBe('inventory');
      expect(response.headers.get('access-control-allow-origin')).toBe(row.allowOrigin);
      expect(response.headers.get('access-control-allow-credentials')).toBe(row.allowCredentials);
      expect(response.headers.get('vary')).toBe('Origin');
    });
  });

  describe('streamed bodies', () => {
    it('arrive event by event, with the CORS headers, while the stream is still open', async () => {
      // 50 events, 100 ms apart: a buffered body would arrive whole, end event included, after 5 s.
      const response = await call('/api/events?count=50', { headers: { origin: FRONT_END } });
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      expect(response.headers.get('access-control-allow-origin')).toBe(FRONT_END);
      expect(response.headers.get('vary')).toBe('Origin');
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let received = '';
      while (!received.includes('\n\n')) {
        const { done, value } = await reader.read();
        expect(done, 'the stream ended before its first event').toBe(false);
        received += decoder.decode(value, { stream: true });
      }
      expect(received.startsWith('id: 1\ndata: {"tick":1}\n\n')).toBe(true);
      expect(received).not.toContain('event: end');
      await reader.cancel();
    });

    it('end with the end event when read to the end', async () => {
      const response = await call('/api/events?count=3', { headers: { origin: FRONT_END } });
      const text = await response.text();
      expect(text.split('\n\n').filter(Boolean)).toEqual([
        'id: 1\ndata: {"tick":1}',
        'id: 2\ndata: {"tick":2}',
        'id: 3\ndata: {"tick":3}',
        'event: end\ndata: {}',
      ]);
    });
  });
});
