// The node:http recipe beyond the shared checks: bodies stream through withCors as Node streams
// them (the echo of a first chunk arrives before the request ends), and HEAD has no body.
import { once } from 'node:events';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { server } from '../src/node-http.js';

let port: number;
beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
});

/** Resolves with `promise`, or rejects after `ms` saying what never happened. */
function within<T>(promise: Promise<T>, what: string, ms = 5_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Reads a response chunk by chunk, as the bytes arrive. */
function chunksOf(response: IncomingMessage): () => Promise<string | undefined> {
  const chunks = response[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return async () => {
    const next = await chunks.next();
    return next.done ? undefined : next.value.toString();
  };
}

describe('the node:http recipe', () => {
  it('streams a request body to the listener and its echo back, chunk by chunk', async () => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/echo',
      headers: { origin: 'https://myapp.es', 'content-type': 'text/plain' },
    });
    req.flushHeaders();
    req.write('first;');
    const [response] = (await within(once(req, 'response'), 'a response before the request body ended')) as [IncomingMessage];
    expect(response.headers['access-control-allow-origin']).toBe('https://myapp.es');
    const next = chunksOf(response);
    // The echo of the first chunk arrives while the request is still open: neither body is buffered.
    expect(await within(next(), 'the first echo')).toBe('first;');
    req.end('second;');
    expect(await within(next(), 'the second echo')).toBe('second;');
    expect(await within(next(), 'the end of the response')).toBeUndefined();
  });

  it('sends no body for HEAD, with the CORS headers', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/items`, { method: 'HEAD', headers: { origin: 'https://myapp.es' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://myapp.es');
    expect(await response.text()).toBe('');
  });
});
