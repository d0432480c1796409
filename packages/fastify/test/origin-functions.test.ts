import type { FastifyRequest, InjectOptions } from 'fastify';
import { describe, expect, test } from 'vitest';
import type { OriginFunction } from '../src/index.js';
import { appWith, corsHeaders, MYAPP, ok } from './helpers.js';

// An origin function runs once per request, whatever path the response takes; one that throws
// (or rejects) makes a 500 like any handler error; `null` never reaches it.

type Kind = 'sync' | 'async';

function recording(kind: Kind, verdict: (origin: string) => boolean | never) {
  const calls: string[] = [];
  const fn: OriginFunction<FastifyRequest> =
    kind === 'sync'
      ? (origin, request) => (calls.push(`${request.method} ${origin}`), verdict(origin))
      : async (origin, request) => (calls.push(`${request.method} ${origin}`), verdict(origin));
  return { calls, fn };
}

const boom = (): never => {
  throw new Error('directory down');
};

const requests: { rule: string; request: InjectOptions }[] = [
  { rule: 'a preflight', request: { method: 'OPTIONS', url: '/items/1', headers: { origin: MYAPP, 'access-control-request-method': 'PUT' } } },
  { rule: 'an actual request', request: { method: 'GET', url: '/items/1', headers: { origin: MYAPP } } },
  { rule: 'a 404', request: { method: 'GET', url: '/nowhere', headers: { origin: MYAPP } } },
  { rule: 'a write', request: { method: 'PUT', url: '/items/1', headers: { origin: MYAPP, 'sec-fetch-site': 'cross-site' } } },
  { rule: 'a request whose handler throws', request: { method: 'GET', url: '/fails', headers: { origin: MYAPP } } },
];

const rows = (['sync', 'async'] as const).flatMap((kind) => requests.map((r) => ({ ...r, kind })));

async function app(fn: OriginFunction<FastifyRequest>) {
  return appWith({ origin: fn, credentials: true }, (a) => {
    a.get('/items/:id', ok);
    a.put('/items/:id', ok);
    a.get('/fails', async () => {
      throw new Error('handler failed');
    });
  });
}

describe('an origin function runs once per request', () => {
  test.each(rows)('$kind, $rule', async ({ kind, request }) => {
    const { calls, fn } = recording(kind, (origin) => origin === MYAPP);
    await (await app(fn)).inject(request);
    expect(calls).toEqual([`${request.method} ${MYAPP}`]);
  });
});

describe('an origin function that throws makes a 500, like any handler error, once', () => {
  test.each(rows)('$kind, $rule', async ({ kind, request }) => {
    const { calls, fn } = recording(kind, boom);
    const response = await (await app(fn)).inject(request);
    expect(response.statusCode).toBe(500);
    expect(response.json<{ message: string }>().message).toBe('directory down');
    // The origin is unknown: nothing is exposed to it.
    expect(corsHeaders(response)).toEqual({});
    expect(calls).toHaveLength(1);
  });
});

describe('null never reaches an origin function', () => {
  test.each([
    { rule: 'a preflight from a sandboxed page', request: { method: 'OPTIONS', url: '/items/1', headers: { origin: 'null', 'access-control-request-method': 'PUT' } }, status: 403 },
    { rule: 'an actual request from one', request: { method: 'GET', url: '/items/1', headers: { origin: 'null' } }, status: 200 },
    { rule: 'a write from one', request: { method: 'PUT', url: '/items/1', headers: { origin: 'null', 'sec-fetch-site': 'cross-site' } }, status: 403 },
    { rule: 'a malformed Origin', request: { method: 'GET', url: '/items/1', headers: { origin: 'https://myapp.es/' } }, status: 200 },
  ] satisfies { rule: string; request: InjectOptions; status: number }[])('$rule', async ({ request, status }) => {
    const { calls, fn } = recording('sync', () => true);
    const response = await (await app(fn)).inject(request);
    expect(response.statusCode).toBe(status);
    expect(corsHeaders(response)['access-control-allow-origin']).toBeUndefined();
    expect(calls).toEqual([]);
  });
});
