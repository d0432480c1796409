import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import portcullis from '../src/index.js';
import { MYAPP, ok, PREFLIGHT_VARY } from './helpers.js';

// The same rules over a real socket: Node's HTTP parser, header joining and chunked bodies.
describe('on a real listening server', () => {
  const app = Fastify();
  let base = '';

  beforeAll(async () => {
    await app.register(portcullis, { origin: [MYAPP], credentials: true });
    app.delete('/items/:id', async () => ({ deleted: true }));
    app.get('/web', async () => new Response('streamed', { headers: { vary: 'Accept' } }));
    await app.register(
      async (partners) => {
        await partners.register(portcullis, { origin: 'https://partner.example' });
        partners.put('/orders/:id', ok);
      },
      { prefix: '/partners' },
    );
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await app.close();
  });

  test('a preflight for a route without OPTIONS, then the actual request', async () => {
    const pre = await fetch(`${base}/items/9`, {
      method: 'OPTIONS',
      headers: { origin: MYAPP, 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(MYAPP);
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
    expect(pre.headers.get('access-control-allow-methods')).toBe('DELETE');
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(pre.headers.get('vary')).toBe(PREFLIGHT_VARY);

    const actual = await fetch(`${base}/items/9`, { method: 'DELETE', headers: { origin: MYAPP } });
    expect(actual.status).toBe(200);
    expect(await actual.json()).toEqual({ deleted: true });
    expect(actual.headers.get('access-control-allow-origin')).toBe(MYAPP);
    expect(actual.headers.get('vary')).toBe('Origin');
  });

  test('Access-Control-Request-Headers sent on several lines is read as one list', async () => {
    const headers = new Headers({ origin: MYAPP, 'access-control-request-method': 'DELETE' });
    headers.append('access-control-request-headers', 'content-type');
    headers.append('access-control-request-headers', 'x-not-allowed');
    const pre = await fetch(`${base}/items/9`, { method: 'OPTIONS', headers });
    // An allowed origin's refused header is explained: a 2xx the browser still refuses.
    expect(pre.status).toBe(204);
    expect(pre.headers.get('portcullis-refusal')).toBe("request header 'x-not-allowed' is not allowed");
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type');
  });

  test('a preflight for a method no route serves is refused, naming the method and the routed ones', async () => {
    const pre = await fetch(`${base}/items/9`, { method: 'OPTIONS', headers: { origin: MYAPP, 'access-control-request-method': 'PUT' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toBe('DELETE');
    expect(pre.headers.get('portcullis-refusal')).toBe("method 'PUT' is not allowed (allowed: DELETE)");
    expect(await pre.text()).toBe('');
  });

  test('a preflight to a URL without any route refuses the method, naming it', async () => {
    const pre = await fetch(`${base}/nowhere`, { method: 'OPTIONS', headers: { origin: MYAPP, 'access-control-request-method': 'PUT' } });
    expect(pre.headers.get('access-control-allow-origin')).toBe(MYAPP);
    expect(pre.headers.get('access-control-allow-methods') ?? '').not.toContain('PUT');
    expect(pre.headers.get('portcullis-refusal')).toContain("method 'PUT' is not allowed");
  });

  test("a prefixed scope's preflight is answered with its own policy", async () => {
    const pre = await fetch(`${base}/partners/orders/1`, {
      method: 'OPTIONS',
      headers: { origin: 'https://partner.example', 'access-control-request-method': 'PUT' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://partner.example');
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
  });

  test('a WHATWG Response streams through with CORS headers and merged Vary', async () => {
    const response = await fetch(`${base}/web`, { headers: { origin: MYAPP } });
    expect(await response.text()).toBe('streamed');
    expect(response.headers.get('access-control-allow-origin')).toBe(MYAPP);
    expect(response.headers.get('vary')).toBe('Accept, Origin');
  });
});
