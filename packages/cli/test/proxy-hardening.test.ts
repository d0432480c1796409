// `portcullis proxy` against hostile clients and upstreams, over raw sockets: a DNS-rebound page
// gets nothing (421), an upstream status outside 200..599 is a 502 and the proxy keeps serving,
// and request bodies keep their framing on the way upstream.
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCorsProxy, type ProxyLogEntry, type RunningProxy } from '../src/index.js';
import { rawServer, type RawServer } from './support/servers.js';

const PAGE = 'http://localhost:5173';

/** Whether `received` holds a whole HTTP/1.1 request: its head, then the body its framing announces. */
function wholeRequest(received: string): boolean {
  const end = received.indexOf('\r\n\r\n');
  if (end === -1) return false;
  const head = received.slice(0, end).toLowerCase();
  const body = received.slice(end + 4);
  if (/\r\ntransfer-encoding: *chunked/.test(head)) return body.endsWith('0\r\n\r\n');
  const length = /\r\ncontent-length: *(\d+)/.exec(head);
  return body.length >= (length ? Number(length[1]) : 0);
}

/** The head of a recorded request, lowercase, and its body. */
function split(request: string): { head: string; body: string } {
  const end = request.indexOf('\r\n\r\n');
  return { head: request.slice(0, end).toLowerCase(), body: request.slice(end + 4) };
}

/** Sends raw bytes to `port` on loopback; resolves with the whole answer once the proxy closes. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

let upstream: RawServer;
let answer = 'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok';
const running: RunningProxy[] = [];
const log: ProxyLogEntry[] = [];

beforeAll(async () => {
  upstream = await rawServer(() => answer, wholeRequest);
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.close()));
});
afterAll(() => upstream?.close());

async function proxy(options: { credentials?: boolean; allowedHosts?: string[] } = {}): Promise<number> {
  const started = await startCorsProxy({ target: upstream.url, origin: [PAGE], port: 0, ...options, onRequest: (e) => log.push(e) });
  running.push(started);
  return Number(new URL(started.url).port);
}

describe('DNS rebinding: only the names of the proxy are answered', () => {
  const rebound = (port: number) => `rebind.attacker.example:${port}`;
  it.each([
    { credentials: false, request: 'a read', bytes: (host: string) => `GET /account HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n` },
    { credentials: true, request: 'a read', bytes: (host: string) => `GET /account HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n` },
    {
      credentials: false,
      request: 'a same-origin write',
      bytes: (host: string) =>
        `POST /transfer HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}\r\nSec-Fetch-Site: same-origin\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi`,
    },
    {
      credentials: true,
      request: 'a same-origin write',
      bytes: (host: string) =>
        `POST /transfer HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}\r\nSec-Fetch-Site: same-origin\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi`,
    },
  ])('a rebound page ($request, credentials: $credentials) gets 421 and reaches nothing', async ({ credentials, bytes }) => {
    const port = await proxy({ credentials });
    upstream.received.length = 0;
    const reply = await raw(port, bytes(rebound(port)));
    expect(reply).toMatch(/^HTTP\/1\.1 421 /);
    expect(reply).toContain(`Host 'rebind.attacker.example:${port}' is not this proxy's`);
    expect(reply).toContain('--allowed-host rebind.attacker.example');
    expect(upstream.received).toEqual([]);
    expect(log.at(-1)).toMatchObject({ status: 421, kind: 'misdirected', allowed: false });
  });

  it.each([
    { host: '127.0.0.1:PORT', status: 200 },
    { host: 'localhost:PORT', status: 200 },
    { host: 'LOCALHOST:PORT', status: 200 },
    { host: 'app.localhost:PORT', status: 200 },
    { host: '[::1]:PORT', status: 200 },
    { host: 'myapp.test:PORT', status: 200 },
    { host: 'myapp.test', status: 200 },
    { host: '127.0.0.1:OTHER', status: 421 },
    { host: 'localhost', status: 421 },
    { host: 'myapp.test.attacker.example:PORT', status: 421 },
    { host: 'attacker@127.0.0.1:PORT', status: 421 },
  ])('Host $host answers $status (with --allowed-host myapp.test)', async ({ host, status }) => {
    const port = await proxy({ allowedHosts: ['myapp.test'] });
    const value = host.replace('PORT', String(port)).replace('OTHER', String(port + 1));
    const reply = await raw(port, `GET /x HTTP/1.1\r\nHost: ${value}\r\nConnection: close\r\n\r\n`);
    expect(reply.slice(0, 12)).toBe(`HTTP/1.1 ${status}`);
  });

  it.each(['http://myapp.test', 'myapp.test:8080', 'myapp.test/x', ''])('refuses --allowed-host %j', async (value) => {
    await expect(proxy({ allowedHosts: [value] })).rejects.toThrow('--allowed-host');
  });
});

describe('an upstream status outside 200..599', () => {
  afterEach(() => {
    answer = 'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok';
  });

  it.each([600, 999, 101])('%i is a 502, and the proxy keeps serving', async (status) => {
    const port = await proxy();
    answer = `HTTP/1.1 ${status} Odd\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`;
    const bad = await raw(port, `GET /x HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${PAGE}\r\nConnection: close\r\n\r\n`);
    expect(bad).toMatch(/^HTTP\/1\.1 502 /);
    expect(bad).toContain(`access-control-allow-origin: ${PAGE}`);
    if (status !== 101) expect(bad).toContain(`the target answered with status ${status}, which is not 200..599`);
    answer = 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok';
    const good = await raw(port, `GET /y HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(good).toMatch(/^HTTP\/1\.1 200 /);
  });
});

describe('request bodies keep their framing upstream', () => {
  it.each([
    { method: 'DELETE', framing: 'chunked' },
    { method: 'OPTIONS', framing: 'chunked' },
    { method: 'PATCH', framing: 'chunked' },
  ])('a chunked $method body goes on chunked', async ({ method }) => {
    const port = await proxy();
    upstream.received.length = 0;
    const reply = await raw(
      port,
      `${method} /items/1 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n`,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 200 /);
    const { head, body } = split(upstream.received[0]!);
    expect(head).toMatch(/\r\ntransfer-encoding: chunked(\r\n|$)/);
    expect(head).not.toContain('content-length');
    expect(body.replace(/[0-9a-f]+\r\n(.*?)\r\n/gs, '$1')).toBe('hello world');
  });

  it('a body with a Content-Length keeps it', async () => {
    const port = await proxy();
    upstream.received.length = 0;
    await raw(port, `DELETE /items/1 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello`);
    const { head, body } = split(upstream.received[0]!);
    expect(head).toContain('\r\ncontent-length: 5');
    expect(head).not.toContain('transfer-encoding');
    expect(body).toBe('hello');
  });

  it("a GET whose body is dropped never forwards that body's Content-Length", async () => {
    const port = await proxy();
    upstream.received.length = 0;
    const reply = await raw(port, `GET /items HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello`);
    expect(reply).toMatch(/^HTTP\/1\.1 200 /);
    const { head, body } = split(upstream.received[0]!);
    expect(head).not.toContain('content-length');
    expect(head).not.toContain('transfer-encoding');
    expect(body).toBe('');
  });

  it('a DELETE without a body gets no framing headers', async () => {
    const port = await proxy();
    upstream.received.length = 0;
    await raw(port, `DELETE /items/1 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    const { head, body } = split(upstream.received[0]!);
    expect(head).not.toContain('content-length');
    expect(head).not.toContain('transfer-encoding');
    expect(body).toBe('');
  });
});
