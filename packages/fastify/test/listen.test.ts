import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import portcullis from '../src/index.js';
import { MYAPP } from './helpers.js';

// The same rules over a real socket: Node's HTTP parser, header joining and chunked bodies.
describe('on a real listening server', () => {
  const app = Fastify();
  let base = '';

  beforeAll(async () => {
    await app.register(portcullis, { origin: [MYAPP], credentials: true });
    app.delete('/items/:id', async () => ({ deleted: true }));
    app.get('/web', async () => new Response('streamed', { headers: { vary: 'Accept' } }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await app.close();
  });

  test('a preflight for a route without OPTIONS, then the actual request', async () => {
    const pre = await fetch(`${base}/items/9`, {
      method: 'OPTIONS',
      headers: {
        origin: MYAPP,
        'access-control-request-method': 'DELETE',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(MYAPP);
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
    expect(pre.headers.get('access-control-allow-methods')).toBe('DELETE');
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type');

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
    expect(pre.status).toBe(403);
    expect(pre.headers.get('portcullis-refusal')).toContain("'x-not-allowed'");
  });

  test('a WHATWG Response streams through with CORS headers and merged Vary', async () => {
    const response = await fetch(`${base}/web`, { headers: { origin: MYAPP } });
    expect(await response.text()).toBe('streamed');
    expect(response.headers.get('access-control-allow-origin')).toBe(MYAPP);
    expect(response.headers.get('vary')).toBe('Accept, Origin');
  });
});
