// The API and the playground's endpoints over real HTTP, without a browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServers, type Running } from '../src/servers.js';
import { defaultPolicy } from '../src/playground/default-policy.js';

let running: Running;
beforeAll(async () => {
  running = await startServers({ api: 0, playground: 0, other: 0 });
});
afterAll(async () => {
  await running?.close();
});

const preflight = (path: string, origin: string, method: string, headers?: string) =>
  fetch(`${running.api}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      ...(headers === undefined ? {} : { 'access-control-request-headers': headers }),
    },
  });

const putPolicy = (options: unknown, origin = running.playground) =>
  fetch(`${running.playground}/playground/policy`, {
    method: 'PUT',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify(options),
  });

describe('the example API, over real HTTP', () => {
  it('answers the playground origin’s preflight for the X-User header', async () => {
    const response = await preflight('/api/hello', running.playground, 'GET', 'x-user');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(running.playground);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type, x-user');
  });

  it('lets the playground read a credentialed GET and its exposed request id', async () => {
    const response = await fetch(`${running.api}/api/hello`, { headers: { origin: running.playground, 'x-user': 'ada' } });
    expect(await response.json()).toEqual({ hello: 'ada' });
    expect(response.headers.get('access-control-allow-origin')).toBe(running.playground);
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('keeps CORS headers on 404s so the browser shows the real error', async () => {
    const response = await fetch(`${running.api}/nope`, { headers: { origin: running.playground } });
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBe(running.playground);
  });

  it('gives the other site nothing to read', async () => {
    const response = await fetch(`${running.api}/api/hello`, { headers: { origin: running.other } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('serves the three origins on loopback: the playground on localhost, the others on 127.0.0.1', () => {
    expect(running.playground).toMatch(/^http:\/\/localhost:\d+$/);
    expect(running.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.other).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new Set([running.playground, running.api, running.other]).size).toBe(3);
  });
});

describe('the request log', () => {
  it('tells the playground what a refused preflight carried and why it was refused', async () => {
    await preflight('/api/hello?run=log-1', running.playground, 'GET', 'x-debug');
    const { exchanges } = await (await fetch(`${running.playground}/playground/log?run=log-1`)).json();
    expect(exchanges).toMatchObject([
      {
        kind: 'preflight',
        method: 'OPTIONS',
        path: '/api/hello',
        reachedHandler: false,
        // Explained: the allowed origin gets a 2xx the browser still refuses, naming x-debug.
        status: 204,
        requestHeaders: { 'access-control-request-headers': 'x-debug', origin: running.playground },
        responseHeaders: {
          'access-control-allow-origin': running.playground,
          'access-control-allow-headers': 'content-type, x-user',
          'portcullis-refusal': "request header 'x-debug' is not allowed",
        },
      },
    ]);
  });

  it('says whether the handler ran: the proof that a write got through', async () => {
    // From the playground: an allowed origin, whose writes reach the handler with or without
    // core's cross-origin write protection.
    await fetch(`${running.api}/api/transfer?run=log-2`, {
      method: 'POST',
      headers: { origin: running.playground, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'amount=1',
    });
    await fetch(`${running.api}/api/hello?run=log-2`, { method: 'OPTIONS', headers: { origin: running.other } });
    const { exchanges } = await (await fetch(`${running.playground}/playground/log?run=log-2`)).json();
    // OPTIONS without Access-Control-Request-Method is not a preflight: it reaches the app (a 404).
    expect(exchanges.map((e: { kind: string; reachedHandler: boolean }) => [e.kind, e.reachedHandler])).toEqual([
      ['request', true],
      ['request', true],
    ]);
  });

  it('records nothing for requests without a run id', async () => {
    await fetch(`${running.api}/api/hello`);
    const { exchanges } = await (await fetch(`${running.playground}/playground/log?run=`)).json();
    expect(exchanges).toEqual([]);
  });
});

describe('the policy endpoint', () => {
  it('puts a valid policy in force at once, and the defaults back', async () => {
    const put = await putPolicy({ ...defaultPolicy, allowHeaders: ['content-type', 'x-user', 'x-debug'] });
    expect(put.status).toBe(200);
    const allowed = await preflight('/api/hello', running.playground, 'GET', 'x-debug');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('content-type, x-user, x-debug');
    expect(allowed.headers.has('portcullis-refusal')).toBe(false);
    expect((await putPolicy(defaultPolicy)).status).toBe(200);
    const refused = await preflight('/api/hello', running.playground, 'GET', 'x-debug');
    expect(refused.headers.get('portcullis-refusal')).toBe("request header 'x-debug' is not allowed");
  });

  it('reports whether each page’s origin is allowed, as core decides it', async () => {
    const state = await (await putPolicy({ ...defaultPolicy, origin: [running.other] })).json();
    expect(state.allowed).toEqual({ playground: false, other: true });
    await putPolicy(defaultPolicy);
  });

  it('returns core’s problems, located, and keeps the policy in force', async () => {
    const response = await putPolicy({ ...defaultPolicy, origin: ['http://localhost:5173/'], allowedHeaders: ['x'] });
    expect(response.status).toBe(422);
    const { problems } = await response.json();
    expect(problems).toContainEqual({
      path: 'origin[0]',
      segments: ['origin', 0],
      message: "'http://localhost:5173/' ends with a slash: an origin has no path, not even /",
      fix: "write 'http://localhost:5173'",
    });
    expect(problems).toContainEqual(expect.objectContaining({ segments: ['allowedHeaders'], fix: "rename it to 'allowHeaders'" }));
    expect((await preflight('/api/hello', running.playground, 'GET', 'x-user')).status).toBe(204);
  });

  it('refuses a policy change sent by another site', async () => {
    const response = await putPolicy({ origin: '*' }, running.other);
    expect(response.status).toBe(403);
    expect((await fetch(`${running.api}/api/hello`, { headers: { origin: running.other } })).headers.get('access-control-allow-origin')).toBeNull();
  });
});
