// `portcullis proxy` in front of an API that sends no CORS headers at all: Chromium judges it
// from the allowed origin and from another one; requests never reach another host; bodies
// stream both ways; the upstream's own CORS headers never leak through.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback } from '../src/hosts.js';
import { createCorsProxy, startCorsProxy, UsageError, type ProxyLogEntry, type RunningProxy } from '../src/index.js';
import { launch, type Browser } from './support/chromium.js';
import { start, type Running } from './support/servers.js';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly host: string | undefined;
  readonly headers: IncomingMessage['headers'];
}

let upstream: Running;
let decoy: Running;
let proxy: RunningProxy;
let browser: Browser;
const seen: Seen[] = [];
const decoyHits: string[] = [];
const log: ProxyLogEntry[] = [];

// Streaming probes: the upstream holds its second chunk until told the first arrived, and
// reports each request-body chunk as it comes.
let releaseSecondChunk: () => void = () => undefined;
let streamFallback = false;
let firstUploadChunk: (chunk: string) => void = () => undefined;

beforeAll(async () => {
  upstream = await start((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host, headers: req.headers });
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/stream') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first-chunk;');
      streamFallback = false;
      const timer = setTimeout(() => {
        streamFallback = true;
        res.end('fallback');
      }, 3000);
      releaseSecondChunk = () => {
        clearTimeout(timer);
        res.end('second-chunk');
      };
      return;
    }
    if (path === '/upload') {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        if (body === '') firstUploadChunk(chunk.toString());
        body += chunk.toString();
      });
      req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end(`got ${body}`));
      return;
    }
    if (path === '/leaky') {
      res.writeHead(200, { 'access-control-allow-origin': '*', 'access-control-expose-headers': '*', 'x-secret': 's' }).end('leaky');
      return;
    }
    if (path === '/redirect') {
      res.writeHead(302, { location: `${upstream.url}/items?from=redirect` }).end();
      return;
    }
    if (path === '/hop') {
      res.writeHead(200, { connection: 'x-upstream-hop', 'x-upstream-hop': '1', 'x-kept': '1' }).end('hop');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'r-1', 'set-cookie': ['a=1', 'b=2'] });
    res.end(JSON.stringify({ method: req.method, url: req.url }));
  });
  decoy = await start((req, res) => {
    decoyHits.push(`${req.method} ${req.url}`);
    res.writeHead(200).end('decoy');
  });
  browser = await launch();
  proxy = await startCorsProxy({
    target: upstream.url,
    origin: [browser.origin],
    port: 0,
    allowHeaders: ['content-type'],
    exposeHeaders: ['x-request-id'],
    onRequest: (entry) => log.push(entry),
  });
});

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await Promise.all([upstream?.close(), decoy?.close()]);
});

describe('Chromium through the proxy', () => {
  it('reads a JSON PUT from the allowed origin, its preflight answered by the proxy', async () => {
    seen.length = 0;
    const result = await browser.fetch({
      url: `${proxy.url}/items?x=1`,
      method: 'PUT',
      headers: [['content-type', 'application/json']],
    });
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.headers).toContain('x-request-id');
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['PUT /items?x=1']);
    expect(seen[0]?.host).toBe(new URL(upstream.url).host);
    expect(log.at(-2)).toMatchObject({ kind: 'preflight', allowed: true, method: 'OPTIONS', status: 204 });
    expect(log.at(-1)).toMatchObject({ kind: 'actual', allowed: true, method: 'PUT', path: '/items?x=1' });
  });

  it('is blocked from another origin', async () => {
    const get = await browser.fetch({ url: `${proxy.url}/items` }, 'other');
    expect(get.ok).toBe(false);
    expect(log.at(-1)).toMatchObject({ kind: 'actual', allowed: false, origin: browser.otherOrigin });
    const put = await browser.fetch({ url: `${proxy.url}/items`, method: 'PUT' }, 'other');
    expect(put.ok).toBe(false);
    expect(log.at(-1)).toMatchObject({ kind: 'preflight', allowed: false });
  });

  it("replaces the upstream's own Access-Control-* headers", async () => {
    expect((await browser.fetch({ url: `${proxy.url}/leaky` }, 'other')).ok).toBe(false);
    const allowed = await browser.fetch({ url: `${proxy.url}/leaky` });
    expect(allowed.ok).toBe(true);
    expect(allowed.headers).not.toContain('x-secret');
  });
});

/** The proxy's own Host, `127.0.0.1:<port>`. */
const self = () => new URL(proxy.url).host;

/** Sends raw bytes to the proxy and resolves with the raw answer. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(proxy.url).port), '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('no open relay', () => {
  const upstreamHost = () => new URL(upstream.url).host;
  const decoyHost = () => new URL(decoy.url).host;

  it.each([
    { attempt: 'an absolute-form request target', request: () => `GET ${decoy.url}/steal?q=1 HTTP/1.1\r\nHost: ${self()}\r\nConnection: close\r\n\r\n`, path: () => '/steal?q=1' },
    { attempt: 'a protocol-relative path', request: () => `GET //${decoyHost()}/steal HTTP/1.1\r\nHost: ${self()}\r\nConnection: close\r\n\r\n`, path: () => `//${decoyHost()}/steal` },
  ])('$attempt reaches the target, never the other host', async ({ request, path }) => {
    seen.length = 0;
    decoyHits.length = 0;
    const answer = await raw(request());
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(decoyHits).toEqual([]);
    expect(seen.map((s) => [s.url, s.host])).toEqual([[path(), upstreamHost()]]);
  });

  it('the fetch handler uses only the path and query of any Request URL', async () => {
    seen.length = 0;
    decoyHits.length = 0;
    const handler = createCorsProxy({ target: upstream.url, origin: 'https://app.example' });
    const response = await handler(new Request(`${decoy.url}/steal?q=2`, { headers: { host: decoyHost() } }));
    expect(response.status).toBe(200);
    expect(decoyHits).toEqual([]);
    expect(seen.map((s) => [s.url, s.host])).toEqual([['/steal?q=2', upstreamHost()]]);
  });

  it('keeps a target base path in front of every request path', async () => {
    seen.length = 0;
    const handler = createCorsProxy({ target: `${upstream.url}/v1/`, origin: 'https://app.example' });
    await handler(new Request('http://127.0.0.1/items/../../admin?x=1'));
    expect(seen.map((s) => s.url)).toEqual(['/v1/admin?x=1']);
  });
});

describe('forwarding', () => {
  it('drops hop-by-hop headers both ways and keeps the rest, set-cookie lines included', async () => {
    seen.length = 0;
    const answer = await raw(
      `GET /hop HTTP/1.1\r\nHost: ${self()}\r\nConnection: close, x-client-hop\r\nx-client-hop: 1\r\nx-kept-request: 1\r\n\r\n`,
    );
    expect(seen[0]?.headers['x-client-hop']).toBeUndefined();
    expect(seen[0]?.headers['x-kept-request']).toBe('1');
    expect(answer.toLowerCase()).not.toContain('x-upstream-hop');
    expect(answer.toLowerCase()).toContain('x-kept: 1');
    const items = await raw(`GET /items HTTP/1.1\r\nHost: ${self()}\r\nConnection: close\r\n\r\n`);
    expect(items.match(/set-cookie: [ab]=[12]/gi)).toEqual(['set-cookie: a=1', 'set-cookie: b=2']);
  });

  it('points a redirect to the target back at the proxy', async () => {
    const answer = await raw(`GET /redirect HTTP/1.1\r\nHost: ${self()}\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 302 /);
    expect(answer).toContain(`location: ${proxy.url}/items?from=redirect`);
  });

  it('answers 502, with CORS headers, when the target is down', async () => {
    const down = await start(() => undefined);
    const target = down.url;
    await down.close();
    const handler = createCorsProxy({ target, origin: 'https://app.example' });
    const response = await handler(new Request('http://127.0.0.1/x', { headers: { origin: 'https://app.example' } }));
    expect(response.status).toBe(502);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(await response.text()).toContain('connection refused');
  });
});

describe('streaming', () => {
  it('passes the response body through as it comes', async () => {
    const { first, heldBack, body } = await new Promise<{ first: string; heldBack: boolean; body: string }>((resolve, reject) => {
      httpRequest(`${proxy.url}/stream`, (res) => {
        let body = '';
        let first = '';
        let heldBack = false;
        res.on('data', (chunk: Buffer) => {
          if (first === '') {
            first = chunk.toString();
            // Still held back by the upstream: nothing in between waited for the whole body.
            heldBack = !streamFallback;
            releaseSecondChunk();
          }
          body += chunk.toString();
        });
        res.on('end', () => resolve({ first, heldBack, body }));
      })
        .on('error', reject)
        .end();
    });
    expect(first).toBe('first-chunk;');
    expect(heldBack).toBe(true);
    expect(body).toBe('first-chunk;second-chunk');
  });

  it('passes the request body through as it comes', async () => {
    const arrived = new Promise<string>((resolve) => {
      firstUploadChunk = resolve;
    });
    const answer = new Promise<string>((resolve, reject) => {
      const req = httpRequest(`${proxy.url}/upload`, { method: 'PUT', headers: { 'content-type': 'text/plain' } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.write('part-one;');
      // The second part goes only once the upstream has seen the first one.
      void Promise.race([arrived, new Promise((r) => setTimeout(r, 5000, 'timeout'))]).then(() => req.end('part-two'));
    });
    const first = await Promise.race([arrived, new Promise<string>((r) => setTimeout(r, 4000, 'not streamed'))]);
    expect(first).toBe('part-one;');
    expect(await answer).toBe('got part-one;part-two');
  });
});

describe('listening', () => {
  it.each([
    { host: '127.0.0.1', loopback: true },
    { host: '127.8.9.10', loopback: true },
    { host: 'localhost', loopback: true },
    { host: '::1', loopback: true },
    { host: '[::1]', loopback: true },
    { host: '0.0.0.0', loopback: false },
    { host: '::', loopback: false },
    { host: '192.168.1.10', loopback: false },
    { host: '127.0.0.1.example', loopback: false },
  ])('$host is loopback: $loopback', ({ host, loopback }) => {
    expect(isLoopback(host)).toBe(loopback);
  });

  it('refuses a non-loopback address without the dangerous flag', async () => {
    await expect(startCorsProxy({ target: upstream.url, origin: 'https://app.example', host: '0.0.0.0', port: 0 })).rejects.toThrow(
      UsageError,
    );
    await expect(startCorsProxy({ target: upstream.url, origin: 'https://app.example', host: '0.0.0.0', port: 0 })).rejects.toThrow(
      /--dangerously-allow-non-loopback/,
    );
  });
});
