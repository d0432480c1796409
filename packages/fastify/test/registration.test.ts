import Fastify from 'fastify';
import { describe, expect, test } from 'vitest';
import portcullis, { CorsConfigError } from '../src/index.js';
import type { PortcullisFastifyOptions } from '../src/index.js';
import { appWith, MYAPP, preflight } from './helpers.js';

async function registrationError(options: unknown): Promise<unknown> {
  const app = Fastify();
  try {
    await app.register(portcullis, options as PortcullisFastifyOptions);
    await app.ready();
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await app.close().catch(() => undefined);
  }
}

describe('plugin options are validated when the plugin is registered', () => {
  test.each([
    ['a missing origin', {}, 'origin'],
    ['a typo of another library (allowedHeaders)', { origin: MYAPP, allowedHeaders: ['x-a'] }, 'allowedHeaders'],
    ["'*' with credentials", { origin: '*', credentials: true }, 'origin'],
    ['an origin with a path', { origin: 'https://myapp.es/app' }, 'origin'],
    ["the 'null' origin", { origin: 'null' }, 'origin'],
    ["@fastify/cors's preflightContinue", { origin: MYAPP, preflightContinue: true }, 'preflightContinue'],
  ])('%s rejects register/ready with CorsConfigError', async (_name, options, path) => {
    const error = await registrationError(options);
    expect(error).toBeInstanceOf(CorsConfigError);
    expect((error as CorsConfigError).problems.map((p) => p.path).join(' ')).toContain(path);
  });

  test("Fastify's own register options (prefix, logLevel) are not taken for CORS options", async () => {
    const app = await appWith({ origin: MYAPP, prefix: '/api', logLevel: 'warn' } as PortcullisFastifyOptions, (a) => {
      a.delete('/items', async () => 'ok');
    });
    expect((await preflight(app, '/items', 'DELETE')).statusCode).toBe(204);
  });
});

describe("a route's config.cors is validated when the route is registered", () => {
  test('a wrong override throws CorsConfigError naming the route', async () => {
    const app = Fastify();
    await app.register(portcullis, { origin: MYAPP });
    let error: unknown;
    try {
      app.get('/public', { config: { cors: { origin: '*', credentials: true } } }, async () => 'x');
    } catch (e) {
      error = e;
    }
    await app.close();
    expect(error).toBeInstanceOf(CorsConfigError);
    expect((error as CorsConfigError).problems[0]!.path).toMatch(/^GET \/public config\.cors\./);
  });

  test.each([
    ['true', true],
    ['null', null],
    ['a string', 'https://myapp.es'],
    ['an object with a misspelt option', { orign: '*' }],
  ])('config.cors set to %s throws CorsConfigError', async (_name, value) => {
    const app = Fastify();
    await app.register(portcullis, { origin: MYAPP });
    expect(() =>
      app.get('/x', { config: { cors: value as never } }, async () => 'x'),
    ).toThrow(CorsConfigError);
    await app.close();
  });

  test('an override inherits the options it does not set (merged over the plugin options)', async () => {
    const app = await appWith({ origin: MYAPP, exposeHeaders: ['x-total'] }, (a) => {
      a.get('/with-credentials', { config: { cors: { credentials: true } } }, async () => 'x');
    });
    const response = await app.inject({ url: '/with-credentials', headers: { origin: MYAPP } });
    expect(response.headers['access-control-allow-origin']).toBe(MYAPP);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(response.headers['access-control-expose-headers']).toBe('x-total');
  });
});
