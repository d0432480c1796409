// Refusals on the real runtime: cross-origin writes never reach a Deno.serve handler, a
// `{ fetch }` definition, or a definition under a real `deno serve`; onRefusal gets every
// refusal with its Request, and 'log' writes one line through console.warn.

import assert from 'node:assert/strict';
import { withCors, type CorsRefusalEvent } from '../src/index.ts';
import { denoServe, repoPath, send, serve } from './helpers.ts';

const APP = 'https://myapp.es';
const OTHER = 'https://evil.example';

/** Who sends a write, and whether it may reach the application. `self` is the server's origin. */
const senders: { rule: string; headers: (self: string) => Record<string, string>; reaches: boolean }[] = [
  { rule: 'a form POST from a disallowed origin', headers: () => ({ origin: OTHER, 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' }), reaches: false },
  { rule: 'a text/plain POST from a disallowed origin', headers: () => ({ origin: OTHER, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }), reaches: false },
  { rule: 'a POST from the allowed origin', headers: () => ({ origin: APP, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }), reaches: true },
  { rule: 'a same-origin POST', headers: (self) => ({ origin: self, 'sec-fetch-site': 'same-origin', 'content-type': 'text/plain' }), reaches: true },
  { rule: 'a same-origin POST from a browser without Fetch Metadata', headers: (self) => ({ origin: self, 'content-type': 'text/plain' }), reaches: true },
  { rule: 'a POST without Origin or Sec-Fetch-Site (curl, a server)', headers: () => ({ 'content-type': 'text/plain' }), reaches: true },
];

const REFUSED = `cross-site POST from ${OTHER} refused: the origin is not allowed`;

/** Sends every sender's POST to `origin`, checking each answer and what `ran()` counts. */
async function checkWrites(t: Deno.TestContext, origin: string, ran: () => Promise<number>): Promise<void> {
  for (const sender of senders) {
    await t.step(`${sender.rule} ${sender.reaches ? 'runs' : 'is refused with 403 and never runs'}`, async () => {
      const before = await ran();
      const { response, body } = await send(`${origin}/items`, { method: 'POST', headers: sender.headers(origin), body: 'title=x' });
      assert.equal(await ran(), before + (sender.reaches ? 1 : 0), 'runs of the application');
      if (sender.reaches) {
        assert.equal(response.status, 200, body);
        return;
      }
      assert.equal(response.status, 403);
      assert.equal(body, '');
      assert.equal(response.headers.get('portcullis-refusal'), REFUSED);
      assert.deepEqual([...response.headers.keys()].filter((name) => name.startsWith('access-control-')), []);
      assert.equal(response.headers.get('vary'), 'Origin');
    });
  }
}

Deno.test('Deno.serve(withCors(handler)): cross-origin writes never reach the handler', async (t) => {
  let runs = 0;
  await using server = serve(withCors(() => (runs++, new Response('ok')), { origin: APP, credentials: true }));
  await checkWrites(t, server.origin, () => Promise.resolve(runs));
});

Deno.test('a { fetch } definition: cross-origin writes never reach fetch', async (t) => {
  const api = {
    runs: 0,
    fetch(_request: Request) {
      this.runs++;
      return new Response('ok');
    },
  };
  // `this` in fetch stays `api`, as `deno serve` would call it.
  const definition = withCors(api, { origin: APP, protectWrites: true }) satisfies Deno.ServeDefaultExport;
  await using server = serve((request) => definition.fetch(request));
  await checkWrites(t, server.origin, () => Promise.resolve(api.runs));
});

Deno.test('`deno serve` of a definition: refused writes never reach fetch, and are logged', async (t) => {
  await using server = await denoServe('test/fixtures/guarded-serve.ts', repoPath('packages/deno'));
  const writes = async () => ((await (await fetch(`${server.origin}/writes`)).json()) as { writes: number }).writes;
  await checkWrites(t, server.origin, writes);

  await t.step("onRefusal: 'log' wrote each refusal, with its fix, through console.warn", () => {
    const lines = server.output().split('\n').filter((line) => line.startsWith('portcullis: '));
    assert.deepEqual(lines, [
      `portcullis: refused write from ${OTHER}: ${REFUSED}; add the origin to origin if that site may write, or set protectWrites: false`,
      `portcullis: refused write from ${OTHER}: ${REFUSED}; add the origin to origin if that site may write, or set protectWrites: false`,
    ]);
  });
});

Deno.test('onRefusal receives every refusal with the Request Deno.serve passed', async () => {
  const events: CorsRefusalEvent[] = [];
  const paths: string[] = [];
  const handled: Request[] = [];
  await using server = serve(
    withCors((request) => (handled.push(request), new Response('ok')), {
      origin: APP,
      credentials: true,
      onRefusal: (event) => void (events.push(event), paths.push(new URL(event.request.url).pathname)),
    }),
  );
  await send(`${server.origin}/pre`, { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'x-secret' } });
  await send(`${server.origin}/read`, { headers: { origin: OTHER, 'sec-fetch-site': 'cross-site' } });
  await send(`${server.origin}/write`, { method: 'DELETE', headers: { origin: OTHER, 'sec-fetch-site': 'cross-site' } });
  assert.deepEqual(
    events.map(({ kind, code, origin, method, requestHeaders }) => ({ kind, code, origin, method, requestHeaders })),
    [
      { kind: 'preflight', code: 'header.not-allowed', origin: APP, method: 'PUT', requestHeaders: 'x-secret' },
      { kind: 'actual', code: 'origin.not-allowed', origin: OTHER, method: 'GET', requestHeaders: null },
      { kind: 'write', code: 'write.cross-origin', origin: OTHER, method: 'DELETE', requestHeaders: null },
    ],
  );
  assert.deepEqual(paths, ['/pre', '/read', '/write']);
  assert.ok(events.every((event) => event.request instanceof Request));
  // The read ran (the browser hides its answer); its event holds the handler's own Request.
  assert.equal(handled.length, 1);
  assert.equal(events[1]!.request, handled[0]);
  assert.equal(events[0]!.fix, "add 'x-secret' to allowHeaders");
});

Deno.test("onRefusal: 'log' writes one line per refusal through console.warn", async () => {
  const lines: unknown[][] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void lines.push(args);
  try {
    await using server = serve(withCors(() => new Response('ok'), { origin: APP, onRefusal: 'log' }));
    await send(server.origin, { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'PURGE' } });
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(lines, [
    [`portcullis: refused preflight from ${APP}: method 'PURGE' is not allowed (allowed: GET, HEAD, POST, PUT, PATCH, DELETE); add 'PURGE' to allowMethods`],
  ]);
});

Deno.test('a refused method is explained with exactly the methods Access-Control-Allow-Methods lists', async (t) => {
  for (const { allowMethods, acam } of [
    { allowMethods: undefined, acam: 'GET, HEAD, POST, PUT, PATCH, DELETE' },
    { allowMethods: ['PUT', 'DELETE'], acam: 'PUT, DELETE' },
  ]) {
    await t.step(`allowMethods: ${JSON.stringify(allowMethods)}`, async () => {
      await using server = serve(withCors(() => new Response('ok'), { origin: APP, ...(allowMethods ? { allowMethods } : {}) }));
      const { response } = await send(server.origin, { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'PURGE' } });
      assert.equal(response.headers.get('access-control-allow-methods'), acam);
      assert.equal(response.headers.get('portcullis-refusal'), `method 'PURGE' is not allowed (allowed: ${acam})`);
    });
  }
});

Deno.test('explainRefusals: false answers every refusal with a bare 403', async () => {
  await using server = serve(withCors(() => new Response('ok'), { origin: APP, credentials: true, explainRefusals: false }));
  for (const init of [
    { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'x-secret' } },
    { method: 'OPTIONS', headers: { origin: OTHER, 'access-control-request-method': 'PUT' } },
    { method: 'POST', headers: { origin: OTHER, 'sec-fetch-site': 'cross-site' } },
  ]) {
    const { response, body } = await send(server.origin, init);
    assert.deepEqual([response.status, body], [403, '']);
    assert.deepEqual([...response.headers.keys()].filter((name) => name !== 'vary' && name !== 'date' && name !== 'content-length'), []);
  }
});
