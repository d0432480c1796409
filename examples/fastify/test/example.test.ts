// The example app, as the README promises it: in process with inject, and as the README runs
// it (built with tsc, started with `node dist/server.js`) over real HTTP.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';

const here = fileURLToPath(new URL('..', import.meta.url));

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function inject(options: InjectOptions) {
  app ??= buildApp();
  return app.inject(options);
}

const preflightOf = (url: string, origin: string, method: string, requestHeaders?: string) =>
  inject({
    method: 'OPTIONS',
    url,
    headers: { origin, 'access-control-request-method': method, ...(requestHeaders === undefined ? {} : { 'access-control-request-headers': requestHeaders }) },
  });

describe('examples/fastify, in process', () => {
  test('a subdomain of myapp.es reads /me with credentials, its Vary merged', async () => {
    const response = await inject({ url: '/me', headers: { origin: 'https://admin.myapp.es' } });
    expect(response.headers['access-control-allow-origin']).toBe('https://admin.myapp.es');
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(response.headers['access-control-expose-headers']).toBe('x-request-id');
    expect(response.headers.vary).toBe('Cookie, Origin');
  });

  test('DELETE /sessions/:id is preflighted with authorization, without an OPTIONS route', async () => {
    const response = await preflightOf('/sessions/42', 'https://myapp.es', 'DELETE', 'authorization,content-type');
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-methods']).toBe('DELETE');
    expect(response.headers['access-control-allow-headers']).toBe('content-type, authorization');
  });

  test('a DELETE from another site never reaches the handler', async () => {
    const response = await inject({ method: 'DELETE', url: '/sessions/42', headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(response.statusCode).toBe(403);
    expect(response.headers['portcullis-refusal']).toBe('cross-site DELETE from https://evil.example refused: the origin is not allowed');
  });

  test('/status is public; /internal/reindex cannot be read, preflighted, nor posted to from another site', async () => {
    const status = await inject({ url: '/status', headers: { origin: 'https://anyone.example' } });
    expect(status.headers['access-control-allow-origin']).toBe('*');
    const internal = await preflightOf('/internal/reindex', 'https://myapp.es', 'POST', 'content-type');
    expect(internal.statusCode).toBe(404);
    expect(internal.headers['access-control-allow-origin']).toBeUndefined();
    // Not even from the app's own front end, with its cookies, in a form post.
    const post = await inject({
      method: 'POST',
      url: '/internal/reindex',
      headers: { origin: 'https://myapp.es', 'sec-fetch-site': 'same-site', cookie: 'session=1', 'content-type': 'text/plain' },
      payload: 'now',
    });
    expect(post.statusCode).toBe(403);
    // A job runner on the server (no Origin, no Sec-Fetch-Site) still can.
    expect((await inject({ method: 'POST', url: '/internal/reindex' })).statusCode).toBe(200);
  });

  test('the partner API answers with its own policy, and refuses the app’s origin there', async () => {
    const partner = await preflightOf('/partners/orders/7', 'https://partner.example', 'PUT', 'x-api-key');
    expect(partner.statusCode).toBe(204);
    expect(partner.headers['access-control-allow-origin']).toBe('https://partner.example');
    expect(partner.headers['access-control-allow-credentials']).toBeUndefined();
    const app = await preflightOf('/partners/orders/7', 'https://myapp.es', 'PUT');
    expect(app.statusCode).toBe(403);
  });

  test('a preflight for a route that does not exist names the method it refuses', async () => {
    const response = await preflightOf('/sesions/42', 'https://myapp.es', 'DELETE');
    expect(response.headers['access-control-allow-methods'] ?? '').not.toContain('DELETE');
    expect(response.headers['portcullis-refusal']).toContain("method 'DELETE' is not allowed");
  });
});

describe('examples/fastify, built and started as the README says', () => {
  let server: ChildProcess | undefined;
  let base = '';

  beforeAll(async () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: here, stdio: 'pipe' });
    // Its own process group, so that stopping it leaves nothing behind.
    server = spawn(process.execPath, ['dist/server.js'], { cwd: here, env: { ...process.env, PORT: '0' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    base = await new Promise<string>((resolve, reject) => {
      let output = '';
      server!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      server!.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      server!.once('exit', (code) => reject(new Error(`the server exited (${code}): ${output}`)));
    });
  });

  afterAll(async () => {
    if (server?.pid === undefined || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    process.kill(-server.pid, 'SIGTERM');
    await exited;
  });

  test('answers a real preflight and the request that follows', async () => {
    const pre = await fetch(`${base}/sessions/1`, {
      method: 'OPTIONS',
      headers: { origin: 'https://myapp.es', 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'authorization' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://myapp.es');
    const actual = await fetch(`${base}/sessions/1`, { method: 'DELETE', headers: { origin: 'https://myapp.es', authorization: 'Bearer t' } });
    expect(await actual.json()).toEqual({ deleted: true });
    expect(actual.headers.get('access-control-allow-credentials')).toBe('true');
  });

  test("answers the partner API's preflight with the partner policy", async () => {
    const pre = await fetch(`${base}/partners/orders/1`, {
      method: 'OPTIONS',
      headers: { origin: 'https://partner.example', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'x-api-key' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type, x-api-key');
  });
});
