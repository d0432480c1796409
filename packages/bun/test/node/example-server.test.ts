// The example as a user runs it (`bun server.ts`, with the npm-installed bun), spoken to over
// real HTTP by another runtime's client.

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const bunBinary = fileURLToPath(new URL('../../node_modules/.bin/bun', import.meta.url));
const exampleDir = fileURLToPath(new URL('../../../../examples/bun/', import.meta.url));

const ALLOWED = 'https://myapp.es';

let child: ChildProcess;
let base: string;

beforeAll(async () => {
  // The .bin entry is a shell script that runs bun as its child: start it in its own process
  // group so that stopping the group stops bun too.
  child = spawn(bunBinary, ['server.ts'], {
    cwd: exampleDir,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  base = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`bun exited with ${code}: ${output}`)));
    child.on('error', reject);
  });
}, 30_000);

afterAll(async () => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
});

describe('examples/bun under bun, from a Node client', () => {
  const ANY_METHOD = 'GET, HEAD, POST, PUT, PATCH, DELETE';
  const preflights: { rule: string; path: string; method: string; origin: string; headers?: string; status: number; expect: Record<string, string | null> }[] = [
    { rule: 'a method table advertises its methods', path: '/api/items/1', method: 'PUT', origin: ALLOWED, headers: 'content-type', status: 204, expect: { 'access-control-allow-origin': ALLOWED, 'access-control-allow-credentials': 'true', 'access-control-allow-methods': 'GET, PUT', 'access-control-max-age': '600', 'portcullis-refusal': null } },
    {
      rule: 'a method table explains a method it lacks: 204, its methods, never DELETE, no Max-Age',
      path: '/api/items/1',
      method: 'DELETE',
      origin: ALLOWED,
      status: 204,
      expect: {
        'access-control-allow-origin': ALLOWED,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'GET, PUT',
        'access-control-max-age': null,
        'portcullis-refusal': "method 'DELETE' is not allowed (allowed: GET, PUT)",
      },
    },
    { rule: 'authorization must be listed, and is', path: '/api/echo/x', method: 'PUT', origin: ALLOWED, headers: 'authorization', status: 204, expect: { 'access-control-allow-origin': ALLOWED, 'access-control-allow-methods': ANY_METHOD, 'access-control-allow-headers': 'content-type, authorization' } },
    { rule: 'a localhost port pattern matches any port', path: '/health', method: 'PUT', origin: 'http://localhost:5173', status: 204, expect: { 'access-control-allow-origin': 'http://localhost:5173', 'access-control-allow-methods': ANY_METHOD } },
    { rule: 'the fetch fallback answers too', path: '/chat', method: 'PATCH', origin: ALLOWED, status: 204, expect: { 'access-control-allow-origin': ALLOWED, 'access-control-allow-methods': ANY_METHOD } },
    { rule: 'a lookalike origin is refused with 403 and no CORS header', path: '/health', method: 'PUT', origin: 'https://myapp.es.evil.io', status: 403, expect: { 'access-control-allow-origin': null, 'access-control-allow-methods': null, 'access-control-allow-credentials': null, 'portcullis-refusal': 'origin https://myapp.es.evil.io is not allowed' } },
  ];
  for (const c of preflights) {
    test(`preflight: ${c.rule}`, async () => {
      const headers: Record<string, string> = { origin: c.origin, 'access-control-request-method': c.method };
      if (c.headers !== undefined) headers['access-control-request-headers'] = c.headers;
      const res = await fetch(base + c.path, { method: 'OPTIONS', headers });
      expect(await res.text()).toBe('');
      expect(res.status).toBe(c.status);
      for (const [name, value] of Object.entries(c.expect)) expect(res.headers.get(name), name).toBe(value);
    });
  }

  test('a cross-site PUT from another origin never reaches putItem (credentials protect writes)', async () => {
    const forged = await fetch(`${base}/api/items/1`, {
      method: 'PUT',
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
      body: JSON.stringify({ name: 'forged' }),
    });
    expect(await forged.text()).toBe('');
    expect(forged.status).toBe(403);
    expect(forged.headers.get('portcullis-refusal')).toBe('cross-site PUT from https://evil.example refused: the origin is not allowed');
    const item = await fetch(`${base}/api/items/1`);
    expect(await item.json()).toEqual({ id: '1', name: 'portcullis' });
  });

  test('PUT then GET an item: params, JSON body, exposed header, credentials', async () => {
    const put = await fetch(`${base}/api/items/2`, {
      method: 'PUT',
      headers: { origin: ALLOWED, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'drawbridge' }),
    });
    expect(put.status).toBe(200);
    expect(put.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(put.headers.get('access-control-allow-credentials')).toBe('true');
    expect(put.headers.get('access-control-expose-headers')).toBe('x-item-count');
    expect(put.headers.get('x-item-count')).toBe('2');
    const get = await fetch(`${base}/api/items/2`, { headers: { origin: ALLOWED } });
    expect(await get.json()).toEqual({ id: '2', name: 'drawbridge' });
  });

  test('the static health route answers with Vary: Origin, without ACAO for a stranger', async () => {
    const res = await fetch(`${base}/health`, { headers: { origin: 'https://evil.example' } });
    expect(await res.text()).toBe('ok');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('vary')).toBe('Origin');
  });

  test('server.requestIP reaches the route', async () => {
    const res = await fetch(`${base}/api/whoami`, { headers: { origin: ALLOWED } });
    expect(await res.json()).toEqual({ ip: '127.0.0.1' });
  });

  test('the 404 from fetch carries CORS so the page can read it', async () => {
    const res = await fetch(`${base}/missing`, { headers: { origin: ALLOWED } });
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  test('the WebSocket on /chat still upgrades and echoes', async () => {
    expect(await websocketEcho(`${base}/chat`, 'hello')).toBe('echo: hello');
  });
});

/**
 * One text message over a WebSocket, with only node:http (Node 20 has no WebSocket client
 * without a flag): the handshake, one masked frame out, one frame back.
 */
function websocketEcho(url: string, message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        origin: ALLOWED,
      },
    });
    req.on('response', (res) => reject(new Error(`no upgrade: HTTP ${res.statusCode}`)));
    req.on('error', reject);
    req.on('upgrade', (res, socket: Socket) => {
      expect(res.statusCode).toBe(101);
      const payload = Buffer.from(message);
      const mask = randomBytes(4);
      const masked = payload.map((byte, i) => byte ^ mask[i % 4]!);
      socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]));
      socket.once('data', (frame: Buffer) => {
        socket.destroy();
        // A short unmasked text frame from the server: FIN+text, length, payload.
        resolve(frame.subarray(2, 2 + (frame[1]! & 0x7f)).toString());
      });
    });
    req.end();
  });
}
