// withCors returns what it was given: a handler for a handler, a `{ fetch }` object for a
// `{ fetch }` object. The type assertions here are checked by `deno test` itself.

import assert from 'node:assert/strict';
import { cors, CorsConfigError, corsByRequest, withCors } from '../src/index.ts';
import { send, serve } from './helpers.ts';

const APP = 'https://myapp.es';

class Api {
  greeting = 'hello from this';
  listened: Deno.Addr[] = [];
  fetch(_request: Request): Response {
    return new Response(this.greeting);
  }
  onListen(addr: Deno.Addr): void {
    this.listened.push(addr);
  }
}

Deno.test('a { fetch } object keeps its prototype, its other members and `this`', async () => {
  const api = new Api();
  const wrapped = withCors(api, { origin: APP }) satisfies Deno.ServeDefaultExport;
  assert.ok(wrapped instanceof Api);
  assert.equal(wrapped.greeting, 'hello from this');
  assert.equal(typeof wrapped.onListen, 'function');
  assert.equal(api.fetch, Api.prototype.fetch, 'the original object is not modified');

  await using server = serve(wrapped.fetch);
  const { response, body } = await send(server.origin, { headers: { origin: APP } });
  assert.equal(body, 'hello from this');
  assert.equal(response.headers.get('access-control-allow-origin'), APP);
});

Deno.test('a { fetch } object literal, as `deno serve` modules export it', async () => {
  const definition = withCors(
    { fetch: (request: Request) => new Response(request.method), onListen() {} },
    { origin: APP },
  ) satisfies Deno.ServeDefaultExport;
  assert.deepEqual(Object.keys(definition).sort(), ['fetch', 'onListen']);
  await using server = serve(definition.fetch);
  const preflight = await send(server.origin, {
    method: 'OPTIONS',
    headers: { origin: APP, 'access-control-request-method': 'PUT' },
  });
  assert.equal(preflight.response.status, 204);
  assert.equal(preflight.body, '');
});

const rejectedTargets: [rule: string, target: unknown][] = [
  ['a number is neither a handler nor a definition', 42],
  ['null is rejected', null],
  ['an object whose fetch is not a function is rejected', { fetch: 'https://myapp.es' }],
];
for (const [rule, target] of rejectedTargets) {
  Deno.test(`withCors: ${rule}`, () => {
    assert.throws(() => withCors(target as Deno.ServeDefaultExport, { origin: APP }), TypeError);
  });
}

Deno.test('wrong options fail when wrapping, not on the first request', () => {
  let caught: unknown;
  try {
    withCors({ fetch: () => new Response() }, { origin: '*', credentials: true });
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof CorsConfigError, String(caught));
  assert.deepEqual(
    caught.problems.map(({ code, path }) => ({ code, path })),
    [{ code: 'origin.wildcard-with-credentials', path: ['origin'] }],
  );
});

// Compile-time only: these declarations are never called; `deno test` type-checks them.
export function typeChecks(): void {
  // The README's inline example: the handler form takes its types from Deno.serve...
  Deno.serve(withCors((request, info) => Response.json({ from: info.remoteAddr.hostname }), { origin: 'https://myapp.es' }));
  const options = { origin: APP };
  Deno.serve(withCors((request, info) => Response.json({ url: request.url, from: info.remoteAddr.hostname }), options));
  // ...or, standing alone, from Deno.ServeHandlerInfo.
  const standalone = withCors((_request, info) => new Response(info.remoteAddr.transport), options);
  Deno.serve(standalone);
  const asyncHandler = withCors(async (_request: Request) => new Response('x'), { origin: async (o: string) => o === APP });
  Deno.serve(asyncHandler);
  // The default-export form types `request` and `info` from Deno.ServeDefaultExport.
  const definition = {
    fetch: withCors({ fetch: (_request, info) => new Response(info.remoteAddr.transport) }, options).fetch,
  } satisfies Deno.ServeDefaultExport;
  void definition;
  // A policy in place of the options keeps the handler synchronous when both are...
  const shared = cors({ origin: APP, credentials: true });
  const syncHandler: (request: Request, info: Deno.ServeHandlerInfo) => Response = withCors((_request: Request) => new Response('x'), shared);
  const syncDefinition: { fetch(request: Request, info: Deno.ServeHandlerInfo): Response } = withCors(
    { fetch: (_request: Request) => new Response('x') },
    corsByRequest((request: Request) => (new URL(request.url).pathname.startsWith('/admin/') ? shared : undefined)),
  );
  // ...and says when it may not be.
  // @ts-expect-error an async origin check may answer with a promise
  const notSync: (request: Request, info: Deno.ServeHandlerInfo) => Response = withCors((_request: Request) => new Response('x'), cors({ origin: async () => true }));
  Deno.serve(withCors((request, info) => Response.json({ url: request.url, from: info.remoteAddr.hostname }), shared));
  void [syncHandler, syncDefinition, notSync];
  // The README's per-request example (served in test/policies.test.ts).
  const admin = cors({ origin: 'https://admin.myapp.es', credentials: true });
  const open = cors({ origin: '*' });
  const api = withCors(
    { fetch: (request: Request) => new Response(new URL(request.url).pathname) },
    corsByRequest((request: Request) => (new URL(request.url).pathname.startsWith('/admin/') ? admin : open)),
  ) satisfies Deno.ServeDefaultExport;
  void api;
  // onRefusal's event carries the request.
  withCors(() => new Response(), { origin: APP, onRefusal: (event) => void new URL(event.request.url) });
  // @ts-expect-error a handler must return a Response
  withCors((_request: Request) => 'text', options);
  // @ts-expect-error a definition's fetch must return a Response
  withCors({ fetch: () => 'text' }, options);
  // @ts-expect-error `origin` is required
  withCors(() => new Response(), {});
}
