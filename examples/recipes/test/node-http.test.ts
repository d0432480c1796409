// The node:http bridge beyond CORS: bodies stream both ways, HEAD has no body, several
// Set-Cookie headers stay separate, and a client that leaves cancels the response body.
import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { server as recipeServer, toNodeListener } from '../src/node-http.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  );
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

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

describe('the node:http bridge', () => {
  it('streams a request body to the handler and its response back, chunk by chunk', async () => {
    const port = await listen(recipeServer);
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/echo',
      headers: { origin: 'https://myapp.es', 'content-type': 'text/plain' },
    });
    req.flushHeaders();
    req.write('first;');
    const [response] = (await within(once(req, 'response'), 'a response before the request body ended')) as [
      IncomingMessage,
    ];
    expect(response.headers['access-control-allow-origin']).toBe('https://myapp.es');
    const next = chunksOf(response);
    // The echo of the first chunk arrives while the request is still open: neither body is buffered.
    expect(await within(next(), 'the first echo')).toBe('first;');
    req.end('second;');
    expect(await within(next(), 'the second echo')).toBe('second;');
    expect(await within(next(), 'the end of the response')).toBeUndefined();
  });

  it('sends no body for HEAD, with the CORS headers', async () => {
    const port = await listen(recipeServer);
    const response = await fetch(`http://127.0.0.1:${port}/api/items`, {
      method: 'HEAD',
      headers: { origin: 'https://myapp.es' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://myapp.es');
    expect(await response.text()).toBe('');
  });

  it('keeps several Set-Cookie headers apart', async () => {
    const handler = () => {
      const headers = new Headers([
        ['set-cookie', 'a=1; Secure'],
        ['set-cookie', 'b=2; Secure'],
      ]);
      return new Response('ok', { headers });
    };
    const port = await listen(createServer(toNodeListener(handler)));
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(response.headers.getSetCookie()).toEqual(['a=1; Secure', 'b=2; Secure']);
  });

  it('cancels the response body and aborts request.signal when the client goes away', async () => {
    let cancelled!: () => void;
    const cancel = new Promise<void>((resolve) => (cancelled = resolve));
    let signal: AbortSignal | undefined;
    const endless = (request: Request) => {
      signal = request.signal;
      let timer: ReturnType<typeof setInterval> | undefined;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('tick\n'));
          timer = setInterval(() => controller.enqueue(new TextEncoder().encode('tick\n')), 20);
        },
        cancel() {
          clearInterval(timer);
          cancelled();
        },
      });
      return new Response(body);
    };
    const port = await listen(createServer(toNodeListener(endless)));
    const req = httpRequest({ host: '127.0.0.1', port, path: '/' });
    req.end();
    const [response] = (await once(req, 'response')) as [IncomingMessage];
    expect(await chunksOf(response)()).toBe('tick\n');
    req.destroy();
    await within(cancel, 'the cancellation of the response body');
    expect(signal?.aborted).toBe(true);
  });

  it.each([
    { rule: 'a Host that makes no URL is a 400', host: 'a b', status: '400', logged: 0 },
    { rule: 'a handler that throws is a 500, and the error is logged', host: '127.0.0.1', status: '500', logged: 1 },
  ])('$rule', async ({ host, status, logged }) => {
    const bug = new Error('a bug in the handler');
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    onTestFinished(() => log.mockRestore());
    const port = await listen(
      createServer(
        toNodeListener(() => {
          throw bug;
        }),
      ),
    );
    const socket = connect(port, '127.0.0.1');
    socket.end(`GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    let raw = '';
    for await (const chunk of socket) raw += chunk;
    expect(raw.split(' ')[1]).toBe(status);
    expect(log.mock.calls).toEqual(logged ? [[bug]] : []);
  });
});
