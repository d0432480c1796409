// Rule 9: responses whose headers are immutable (Response.redirect(), fetch() results) get a copy
// with the CORS headers around the same body stream, never buffered (a Response's headers guard,
// https://fetch.spec.whatwg.org/#concept-headers-guard, is immutable there). WebSocket
// upgrades (status 101, or undefined after Bun's server.upgrade()) pass through untouched.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cors, type CorsOptions } from '../src/index.js';
import { request, varyTokens } from './helpers.js';

const APP = 'https://myapp.es';

const policies: { name: string; options: CorsOptions; origin: string | null; acao: string | null; vary: string[] }[] = [
  { name: 'allowed origin', options: { origin: APP, credentials: true }, origin: APP, acao: APP, vary: ['origin'] },
  { name: "origin '*'", options: { origin: '*' }, origin: APP, acao: '*', vary: [] },
  { name: 'disallowed origin', options: { origin: APP }, origin: 'https://evil.io', acao: null, vary: ['origin'] },
  { name: 'no Origin header', options: { origin: APP }, origin: null, acao: null, vary: ['origin'] },
];

describe('rule 9: Response.redirect() has immutable headers', () => {
  it.each(policies)('is copied with the CORS headers ($name)', async ({ options, origin, acao, vary }) => {
    const redirect = Response.redirect('https://myapp.es/elsewhere', 307);
    const response = (await cors(options).wrap(() => redirect)(request({ origin }))) as Response;
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('https://myapp.es/elsewhere');
    expect(response.headers.get('access-control-allow-origin')).toBe(acao);
    expect(varyTokens(response)).toEqual(vary);
  });
});

describe('rule 9: a fetch() response streamed from a real server', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    if (server?.listening) await new Promise((resolve) => server!.close(resolve));
    server = undefined;
  });

  /** A server that sends one chunk, then waits for `finish()` before sending the rest. */
  async function slowServer() {
    let finish!: () => void;
    const released = new Promise<void>((resolve) => (finish = resolve));
    const state = { ended: false };
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', vary: 'Accept-Encoding', 'x-upstream': '1' });
      res.write('first chunk;');
      void released.then(() => {
        state.ended = true;
        res.end('rest');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/`, finish, state };
  }

  it.each(policies)('is copied around the same, unbuffered body ($name)', async ({ options, origin, acao, vary }) => {
    const upstream = await slowServer();
    const fetched = await fetch(upstream.url);
    expect(() => fetched.headers.set('x', 'y')).toThrow(TypeError);
    const response = (await cors(options).wrap(() => fetched)(request({ origin }))) as Response;

    expect(response.headers.get('access-control-allow-origin')).toBe(acao);
    expect(varyTokens(response)).toEqual(['accept-encoding', ...vary]);
    expect(response.headers.get('x-upstream')).toBe('1');
    expect(response.status).toBe(200);

    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    // The first chunk arrives while the server is still holding the rest back: not buffered.
    while (!text.includes('first chunk;')) {
      const { value, done } = await reader.read();
      expect(done).toBe(false);
      text += decoder.decode(value, { stream: true });
    }
    expect(upstream.state.ended).toBe(false);
    upstream.finish();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(text).toBe('first chunk;rest');
  });
});

describe('rule 9: upgrades pass through untouched', () => {
  // Node's Response constructor refuses status 101; Deno.upgradeWebSocket() returns a Response
  // that reports it. A real Response with that status reproduces it.
  function upgradeResponse(): Response {
    const response = new Response(null, { headers: { upgrade: 'websocket' } });
    Object.defineProperty(response, 'status', { value: 101 });
    return response;
  }

  it.each(policies)('status 101 is returned as is, headers unchanged ($name)', async ({ options, origin }) => {
    const upgrade = upgradeResponse();
    const before = [...upgrade.headers];
    const result = await cors(options).wrap(() => upgrade)(request({ origin }));
    expect(result).toBe(upgrade);
    expect([...upgrade.headers]).toEqual(before);
    expect(await cors(options).apply(request({ origin }), upgrade)).toBe(upgrade);
  });

  it.each(policies)('undefined (after server.upgrade()) is returned as undefined ($name)', async ({ options, origin }) => {
    expect(await cors(options).wrap(() => undefined)(request({ origin }))).toBeUndefined();
    expect(await cors(options).wrap(async () => undefined)(request({ origin }))).toBeUndefined();
    expect(await cors(options).apply(request({ origin }), undefined)).toBeUndefined();
  });

  it('Response.error() is returned as is', async () => {
    const error = Response.error();
    expect(await cors({ origin: APP }).wrap(() => error)(request({ origin: APP }))).toBe(error);
  });
});

describe('rule 9: only Responses are decorated', () => {
  it.each([
    { name: 'a plain object with status and headers', value: { status: 200, headers: { 'content-type': 'application/json' }, data: 1 } },
    { name: 'a string', value: 'hello' },
    { name: 'an object whose headers cannot be set', value: { status: 200, headers: { get: () => null } } },
  ])('$name is returned untouched, never turned into an empty Response', async ({ value }) => {
    const result = await cors({ origin: APP }).apply(request({ origin: APP }), value as never);
    expect(result).toBe(value);
  });
});
