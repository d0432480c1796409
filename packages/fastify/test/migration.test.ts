// The migration guide from @fastify/cors, row by row (migration-rows.ts): @fastify/cors with its
// documented configuration and @portcullis/fastify with the README's translation get the same
// cross-origin requests, and what a browser concludes is compared (the stand-in judge in
// browser-judge.ts), not the header strings.

import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, test } from 'vitest';
import portcullis, { CorsConfigError } from '../src/index.js';
import { browse, type Outcome, type ScriptRequest } from './browser-judge.js';
import { build, conclusion, EXAMPLE, get, OTHER, PEER_OPTION_NAMES, put, rows, type Setup } from './migration-rows.js';

describe('each @fastify/cors option and its Portcullis translation: a browser concludes the same', () => {
  test.each(rows)('$option', async ({ peer, portcullis: ours, requests, cache, alsoHandled = [] }) => {
    const peerHandled: string[] = [];
    const ourHandled: string[] = [];
    const peerApp = await build('peer', peer, peerHandled);
    const ourApp = await build('portcullis', ours, ourHandled);
    for (const request of requests) {
      const theirs = await browse(peerApp, request);
      const mine = await browse(ourApp, request);
      expect(cache ? mine : conclusion(mine), `${request.method} ${request.url} from ${request.origin}`).toEqual(cache ? theirs : conclusion(theirs));
    }
    // Handlers ran for the same requests: preflights handed on, actual requests made.
    expect([...ourHandled].sort()).toEqual([...peerHandled, ...alsoHandled].sort());
  });
});

describe('what changes when you migrate, on purpose', () => {
  test.each([
    {
      rule: "methods default to the route's own, not GET, HEAD, POST: a PUT route is preflighted successfully",
      peer: { options: { origin: EXAMPLE } },
      ours: { options: { origin: EXAMPLE } },
      request: put(EXAMPLE),
      theirs: 'failed',
      mine: 'passed',
    },
    {
      rule: 'request headers are not reflected by default: only content-type is allowed',
      peer: { options: { origin: EXAMPLE } },
      ours: { options: { origin: EXAMPLE } },
      request: { method: 'GET', url: '/items/1', origin: EXAMPLE, headers: { 'x-custom': '1' } },
      theirs: 'passed',
      mine: 'failed',
    },
    {
      rule: 'a preflight for a method no route serves fails, naming it (the default methods are the routed ones), where @fastify/cors lets the browser send it (to a 404)',
      peer: { options: { origin: EXAMPLE, methods: ['PATCH'] } },
      ours: { options: { origin: EXAMPLE } },
      request: { method: 'PATCH', url: '/items/1', origin: EXAMPLE },
      theirs: 'passed',
      mine: 'failed',
    },
    {
      rule: 'with a method listed in allowMethods, both let the browser send it, to the 404 (readable, with CORS headers)',
      peer: { options: { origin: EXAMPLE, methods: ['PATCH'] } },
      ours: { options: { origin: EXAMPLE, allowMethods: ['PATCH'] } },
      request: { method: 'PATCH', url: '/items/1', origin: EXAMPLE },
      theirs: 'passed',
      mine: 'passed',
    },
  ] satisfies { rule: string; peer: Setup; ours: Setup; request: ScriptRequest; theirs: Outcome['preflight']; mine: Outcome['preflight'] }[])(
    '$rule',
    async ({ peer, ours, request, theirs, mine }) => {
      expect((await browse(await build('peer', peer, []), request)).preflight).toBe(theirs);
      expect((await browse(await build('portcullis', ours, []), request)).preflight).toBe(mine);
    },
  );

  test('preflight results are cached for 600 s by default, not 5 s', async () => {
    const theirs = await browse(await build('peer', { options: { origin: EXAMPLE, methods: ['PUT'] } }, []), put(EXAMPLE));
    const mine = await browse(await build('portcullis', { options: { origin: EXAMPLE } }, []), put(EXAMPLE));
    expect([theirs.preflightCacheSeconds, mine.preflightCacheSeconds]).toEqual([5, 600]);
  });

  test('origin: true with credentials lets every site read logged-in responses; Portcullis refuses to start', async () => {
    const request: ScriptRequest = { ...get(OTHER), credentials: true };
    expect((await browse(await build('peer', { options: { origin: true, credentials: true } }, []), request)).readable).toBe(true);
    const app = Fastify();
    await expect(app.register(portcullis, { origin: true, credentials: true } as never).ready()).rejects.toThrow(CorsConfigError);
    await app.close();
  });

  test('no OPTIONS route is registered, so there is none to hide', async () => {
    const theirs = await build('peer', { options: { origin: EXAMPLE } }, []);
    const mine = await build('portcullis', { options: { origin: EXAMPLE } }, []);
    expect(theirs.findRoute({ method: 'OPTIONS', url: '/anything' })).not.toBeNull();
    expect(mine.findRoute({ method: 'OPTIONS', url: '/anything' })).toBeNull();
  });

  test('Cache-Control on preflight answers means the same to a shared cache', async () => {
    const preflightOf = (app: FastifyInstance) =>
      app.inject({ method: 'OPTIONS', url: '/items/1', headers: { origin: EXAMPLE, 'access-control-request-method': 'PUT' } });
    const theirs = await preflightOf(await build('peer', { options: { origin: EXAMPLE, methods: ['PUT'], cacheControl: 600 } }, []));
    const mine = await preflightOf(await build('portcullis', { options: { origin: EXAMPLE, preflightCacheControl: 600 } }, []));
    const maxAge = (value: unknown) => /max-age=(\d+)/.exec(String(value))?.[1];
    expect(maxAge(mine.headers['cache-control'])).toBe(maxAge(theirs.headers['cache-control']));
    expect(maxAge(mine.headers['cache-control'])).toBe('600');
  });
});

test('every option @fastify/cors declares has a row here', () => {
  const covered = new Set(rows.map((row) => row.option.split(/[ :]/)[0]!));
  expect(PEER_OPTION_NAMES.filter((name) => !covered.has(name))).toEqual([]);
});
