import type { FastifyInstance } from 'fastify';
import { describe, expect, test } from 'vitest';
import { appWith, corsHeaders, EVIL, MYAPP, preflight } from './helpers.js';

const ok = async () => ({ ok: true });

describe('preflights are answered for every URL, without an OPTIONS route of ours', () => {
  test('a route that declares no OPTIONS gets an allowed preflight (not 404/405)', async () => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.put('/items/:id', ok);
    });
    const response = await preflight(app, '/items/7?draft=1', 'PUT', { requestHeaders: 'content-type' });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': MYAPP,
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
    });
    expect(response.headers.vary).toBe('Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
  });

  test('the plugin registers no route: a user OPTIONS catch-all and app.all("*") still register', async () => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.options('*', async () => 'user options');
      a.all('/all/*', async () => 'user all');
    });
    const plain = await app.inject({ method: 'OPTIONS', url: '/anything', headers: { origin: MYAPP } });
    expect(plain.body).toBe('user options');
    expect((await preflight(app, '/all/x', 'GET')).statusCode).toBe(204);
  });

  test('the plugin alone adds no OPTIONS route', async () => {
    const app = await appWith({ origin: MYAPP }, () => {});
    expect(app.findRoute({ method: 'OPTIONS', url: '/anything' })).toBeNull();
  });

  test('a URL without any route is answered with the plugin options, so the 404 that follows is readable', async () => {
    const app = await appWith({ origin: MYAPP, allowMethods: ['GET', 'PUT'] }, () => {});
    const response = await preflight(app, '/missing', 'PUT');
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-methods']).toBe('GET, PUT');
  });

  test('preflightStatus sets the status of allowed preflights', async () => {
    const app = await appWith({ origin: MYAPP, preflightStatus: 200 }, (a) => {
      a.delete('/x', ok);
    });
    const response = await preflight(app, '/x', 'DELETE');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-length']).toBe('0');
  });
});

describe('refused preflights are 403 with the reason and no CORS header', () => {
  test.each([
    ['an origin not allowed', { origin: EVIL }, 'PUT', 'the origin is not allowed'],
    ["the 'null' origin of sandboxed iframes", { origin: 'null' }, 'PUT', 'the origin is not allowed'],
    ['a look-alike origin', { origin: 'https://myapp.es.evil.io' }, 'PUT', 'the origin is not allowed'],
    ['a method no route implements at the URL', {}, 'PATCH', "the method 'PATCH' is not allowed"],
    ["a lower-case 'put' (browsers send it as is; PUT does not match)", {}, 'put', "the method 'put' is not allowed"],
    ['a header not allowed', { requestHeaders: 'x-secret' }, 'PUT', "the request header 'x-secret' is not allowed"],
  ])('%s', async (_name, opts, method, reason) => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.put('/items', ok);
    });
    const response = await preflight(app, '/items', method, opts);
    expect(response.statusCode).toBe(403);
    expect(corsHeaders(response)).toEqual({});
    expect(response.headers['portcullis-refusal']).toBe(reason);
    expect(response.body).toBe('');
    expect(response.headers.vary).toContain('Origin');
  });
});

describe('the advertised methods of a URL are the methods registered for it', () => {
  async function app(): Promise<FastifyInstance> {
    return appWith({ origin: MYAPP }, (a) => {
      a.get('/items', ok);
      a.post('/items', ok);
      a.delete('/items/:id', ok);
      a.patch('/items/:id', ok);
      a.route({ method: ['PUT', 'PATCH'], url: '/bulk', handler: ok });
    });
  }

  test.each([
    ['/items', 'POST', 'GET, HEAD, POST'],
    ['/items/3', 'DELETE', 'DELETE, PATCH'],
    ['/bulk', 'PUT', 'PATCH, PUT'],
  ])('%s advertises its own methods (preflight for %s)', async (url, method, advertised) => {
    const response = await preflight(await app(), url, method);
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-methods']!.split(', ').sort()).toEqual(advertised.split(', ').sort());
  });

  test('explicit allowMethods is advertised as given, whatever the routes', async () => {
    const explicit = await appWith({ origin: MYAPP, allowMethods: ['GET', 'PUT', 'DELETE'] }, (a) => {
      a.put('/items', ok);
    });
    expect((await preflight(explicit, '/items', 'DELETE')).headers['access-control-allow-methods']).toBe(
      'GET, PUT, DELETE',
    );
  });
});

describe("a route's own config.cors governs its preflights", () => {
  async function app(): Promise<FastifyInstance> {
    return appWith({ origin: MYAPP, credentials: true }, (a) => {
      a.put('/public', { config: { cors: { origin: '*', credentials: false } } }, ok);
      a.put('/internal', { config: { cors: false } }, ok);
      a.get('/mixed', ok);
      a.put('/mixed', ok);
      a.delete('/mixed', { config: { cors: false } }, ok);
    });
  }

  test('an override applies to the preflight of its route', async () => {
    const response = await preflight(await app(), '/public', 'PUT', { origin: 'https://anyone.example' });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  test('cors: false leaves the preflight to Fastify (404 here), with no CORS header', async () => {
    const response = await preflight(await app(), '/internal', 'PUT');
    expect(response.statusCode).toBe(404);
    expect(corsHeaders(response)).toEqual({});
  });

  test('cors: false on one method of a URL: its preflight is not answered, the others are', async () => {
    const a = await app();
    expect((await preflight(a, '/mixed', 'DELETE')).statusCode).toBe(404);
    expect((await preflight(a, '/mixed', 'PUT')).statusCode).toBe(204);
  });

  test('a method under another policy is not advertised (the browser would cache it as allowed)', async () => {
    const response = await preflight(await app(), '/mixed', 'PUT');
    expect(response.headers['access-control-allow-methods']!.split(', ').sort()).toEqual(['GET', 'HEAD', 'PUT']);
  });
});

describe('an OPTIONS request that is not a preflight is an ordinary request', () => {
  test.each([
    ['without Origin', { 'access-control-request-method': 'PUT' }],
    ['without Access-Control-Request-Method', { origin: MYAPP }],
  ])("reaches the user's OPTIONS route %s", async (_name, headers) => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.options('/items', async () => 'user options handler');
    });
    const response = await app.inject({ method: 'OPTIONS', url: '/items', headers });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('user options handler');
  });

  test("reaches app.all('*')", async () => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.all('*', async (request) => `all ${request.method}`);
    });
    const response = await app.inject({ method: 'OPTIONS', url: '/x', headers: { origin: MYAPP } });
    expect(response.body).toBe('all OPTIONS');
    expect(response.headers['access-control-allow-origin']).toBe(MYAPP);
  });

  test("gets Fastify's 404 (never a 400) where no OPTIONS route exists, with CORS headers", async () => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.get('/items', ok);
    });
    const response = await app.inject({ method: 'OPTIONS', url: '/items', headers: { origin: MYAPP } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['access-control-allow-origin']).toBe(MYAPP);
  });

  test("a preflight does not reach the user's OPTIONS handler", async () => {
    let calls = 0;
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.options('/items', async () => {
        calls++;
        return 'user';
      });
      a.put('/items', ok);
    });
    expect((await preflight(app, '/items', 'PUT')).statusCode).toBe(204);
    expect(calls).toBe(0);
  });
});

describe("routes are matched as Fastify's router matches them", () => {
  test('routes in a prefixed plugin, including its "/" route with and without the slash', async () => {
    const app = await appWith({ origin: MYAPP }, (a) => {
      a.register(
        async (api) => {
          api.put('/', ok);
          api.delete('/items/:id', { config: { cors: false } }, ok);
        },
        { prefix: '/api' },
      );
    });
    expect((await preflight(app, '/api', 'PUT')).statusCode).toBe(204);
    expect((await preflight(app, '/api/', 'PUT')).statusCode).toBe(204);
    expect((await preflight(app, '/api/items/1', 'DELETE')).statusCode).toBe(404);
  });

  test('routerOptions.ignoreTrailingSlash and caseSensitive are honoured', async () => {
    const app = await appWith(
      { origin: MYAPP },
      (a) => {
        a.delete('/Items', { config: { cors: false } }, ok);
      },
      { routerOptions: { ignoreTrailingSlash: true, caseSensitive: false } },
    );
    // The route is found (so its cors: false applies) despite the slash and the case.
    expect((await preflight(app, '/items/', 'DELETE')).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: '/items/' })).statusCode).toBe(200);
  });
});

describe('asynchronous origin functions', () => {
  test('decide preflights and actual requests, receiving the FastifyRequest', async () => {
    const seen: string[] = [];
    const app = await appWith(
      {
        origin: async (origin, request) => {
          seen.push(`${request.method} ${request.url}`);
          return origin === MYAPP;
        },
      },
      (a) => {
        a.put('/x', ok);
      },
    );
    expect((await preflight(app, '/x', 'PUT')).statusCode).toBe(204);
    expect((await preflight(app, '/x', 'PUT', { origin: EVIL })).statusCode).toBe(403);
    const actual = await app.inject({ method: 'PUT', url: '/x', headers: { origin: MYAPP } });
    expect(actual.headers['access-control-allow-origin']).toBe(MYAPP);
    expect(seen).toEqual(['OPTIONS /x', 'OPTIONS /x', 'PUT /x']);
  });

  test('an origin function that throws produces an error response, not a hung request', async () => {
    const app = await appWith(
      {
        origin: async () => {
          throw new Error('directory down');
        },
      },
      (a) => {
        a.put('/x', ok);
      },
    );
    expect((await preflight(app, '/x', 'PUT')).statusCode).toBe(500);
  });
});
