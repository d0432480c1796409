import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, test } from 'vitest';
import { buildApp } from '../../../examples/fastify/src/app.js';

// The example app is the one the README shows; these checks are what the README promises.
const exampleSource = fileURLToPath(new URL('../../../examples/fastify/src/app.ts', import.meta.url));
const readme = fileURLToPath(new URL('../README.md', import.meta.url));

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('examples/fastify', () => {
  test('the README shows the example app exactly', () => {
    expect(readFileSync(readme, 'utf8')).toContain(readFileSync(exampleSource, 'utf8'));
  });

  test('a subdomain of myapp.es reads /me with credentials, its Vary merged', async () => {
    app = await buildApp();
    const response = await app.inject({ url: '/me', headers: { origin: 'https://admin.myapp.es' } });
    expect(response.headers['access-control-allow-origin']).toBe('https://admin.myapp.es');
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(response.headers['access-control-expose-headers']).toBe('x-request-id');
    expect(response.headers.vary).toBe('Cookie, Origin');
  });

  test('DELETE /sessions/:id is preflighted with authorization, without an OPTIONS route', async () => {
    app = await buildApp();
    const response = await app.inject({
      method: 'OPTIONS',
      url: '/sessions/42',
      headers: {
        origin: 'https://myapp.es',
        'access-control-request-method': 'DELETE',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-methods']).toBe('DELETE');
    expect(response.headers['access-control-allow-headers']).toBe('content-type, authorization');
  });

  test('/status is public, /internal/reindex has no CORS', async () => {
    app = await buildApp();
    const status = await app.inject({ url: '/status', headers: { origin: 'https://anyone.example' } });
    expect(status.headers['access-control-allow-origin']).toBe('*');
    const internal = await app.inject({
      method: 'OPTIONS',
      url: '/internal/reindex',
      headers: { origin: 'https://myapp.es', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(internal.statusCode).toBe(404);
    expect(internal.headers['access-control-allow-origin']).toBeUndefined();
  });
});
