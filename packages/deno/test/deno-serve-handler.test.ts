// withCors(handler) under a real Deno.serve: what reaches the handler, and what its responses
// become on the way out.

import assert from 'node:assert/strict';
import { withCors } from '../src/index.ts';
import { send, serve, tokens } from './helpers.ts';

const APP = 'https://myapp.es';

Deno.test('the handler receives Deno.ServeHandlerInfo unchanged', async () => {
  // Deno's info is live only while the request is: read it inside the handler.
  const seen: { addr: Deno.NetAddr; completed: Promise<void> }[] = [];
  await using server = serve(
    withCors((_request, info) => {
      seen.push({ addr: { ...info.remoteAddr }, completed: info.completed });
      return new Response('ok');
    }, { origin: APP }),
  );
  await send(server.origin, { headers: { origin: APP } });
  assert.equal(seen.length, 1);
  const { addr, completed } = seen[0]!;
  assert.equal(addr.transport, 'tcp');
  assert.equal(addr.hostname, '127.0.0.1');
  assert.ok(Number.isInteger(addr.port) && addr.port > 0);
  // `completed` is Deno's own promise: it settles once the response has been sent.
  assert.ok(completed instanceof Promise);
  await completed;
});

Deno.test('preflights are answered without calling the handler; other OPTIONS reach it', async () => {
  const calls: string[] = [];
  await using server = serve(
    withCors((request) => {
      calls.push(request.method);
      return new Response(null, { status: 204, headers: { allow: 'GET, OPTIONS' } });
    }, { origin: APP }),
  );
  const preflight = await send(server.origin, {
    method: 'OPTIONS',
    headers: { origin: APP, 'access-control-request-method': 'DELETE' },
  });
  assert.equal(preflight.response.status, 204);
  assert.equal(preflight.response.headers.get('access-control-allow-origin'), APP);
  assert.deepEqual(calls, []);

  const plain = await send(server.origin, { method: 'OPTIONS', headers: { origin: APP } });
  assert.equal(plain.response.headers.get('allow'), 'GET, OPTIONS');
  assert.deepEqual(calls, ['OPTIONS']);
});

Deno.test("the handler's own Vary is merged with Origin, never overwritten", async () => {
  await using server = serve(withCors(() => new Response('ok', { headers: { vary: 'Accept-Language' } }), { origin: APP }));
  for (const headers of [{ origin: APP }, { origin: 'https://evil.example' }, {} as Record<string, string>]) {
    const { response } = await send(server.origin, { headers });
    assert.deepEqual(tokens(response.headers.get('vary')), ['accept-language', 'origin'], JSON.stringify(headers));
  }
});

Deno.test('responses with immutable headers (Response.redirect) get CORS headers on a copy', async () => {
  await using server = serve(withCors(() => Response.redirect('https://myapp.es/elsewhere', 307), { origin: APP }));
  const response = await fetch(server.origin, { headers: { origin: APP }, redirect: 'manual' });
  await response.body?.cancel();
  assert.equal(response.status, 307);
  assert.equal(response.headers.get('location'), 'https://myapp.es/elsewhere');
  assert.equal(response.headers.get('access-control-allow-origin'), APP);
});

Deno.test('an async origin check and an async handler work through Deno.serve', async () => {
  const allowed = new Set([APP]);
  await using server = serve(
    withCors(async () => {
      await Promise.resolve();
      return Response.json({ ok: true });
    }, { origin: async (origin) => allowed.has(origin), credentials: true }),
  );
  const yes = await send(server.origin, { headers: { origin: APP } });
  assert.equal(yes.response.headers.get('access-control-allow-origin'), APP);
  assert.equal(yes.response.headers.get('access-control-allow-credentials'), 'true');
  const no = await send(server.origin, { headers: { origin: 'https://other.example' } });
  assert.equal(no.response.headers.get('access-control-allow-origin'), null);
  assert.equal(no.body, '{"ok":true}');
});

Deno.test('a streamed body stays streamed: the first chunk arrives before the handler finishes it', async () => {
  // The second chunk waits until the client has read the first. Were the body buffered, the
  // client would never see the first chunk and this test would fail on its abort signal.
  const clientGotFirstChunk = Promise.withResolvers<void>();
  let bodyFinished = false;
  await using server = serve(
    withCors(() => {
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode('first;'));
          await clientGotFirstChunk.promise;
          controller.enqueue(new TextEncoder().encode('second'));
          bodyFinished = true;
          controller.close();
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/plain' } });
    }, { origin: APP }),
  );
  try {
    const response = await fetch(server.origin, { headers: { origin: APP }, signal: AbortSignal.timeout(10_000) });
    assert.equal(response.headers.get('access-control-allow-origin'), APP);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const first = await reader.read();
    assert.equal(first.value, 'first;');
    assert.equal(bodyFinished, false);
    clientGotFirstChunk.resolve();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += chunk.value;
    assert.equal(rest, 'second');
    assert.equal(bodyFinished, true);
  } finally {
    // On failure too, so the server can finish the response and shut down.
    clientGotFirstChunk.resolve();
  }
});
