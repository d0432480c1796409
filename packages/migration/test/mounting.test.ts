// The guide's mounting recipes: Portcullis around a whole Hono app or itty-router AutoRouter,
// judged by a browser from an allowed origin and another.

import { simulateFetch, type FetchCall } from '@portcullis/browser-model';
import { describe, expect, it } from 'vitest';
import honoApp from '../src/recipes/hono-app.js';
import ittyApp from '../src/recipes/itty-app.js';

async function browse(fetch: (request: Request) => Response | Promise<Response>, call: FetchCall) {
  return simulateFetch(call, async (outgoing) => {
    const response = await fetch(new Request(outgoing.url, { method: outgoing.method, headers: outgoing.headers.map(([n, v]): [string, string] => [n, v]) }));
    return { status: response.status, headers: [...response.headers] };
  });
}

describe.each([
  { name: 'a Hono app', fetch: (request: Request) => honoApp.fetch(request), allowed: 'https://example.org' },
  { name: 'an itty-router AutoRouter', fetch: (request: Request) => ittyApp.fetch(request), allowed: 'https://dog.cat' },
])('Portcullis around $name', ({ fetch, allowed }) => {
  it('lets an allowed origin read a route', async () => {
    const verdict = await browse(fetch, { origin: allowed, url: 'https://api.example/items/7' });
    expect(verdict.allowed).toBe(true);
    expect(verdict.exchanges.at(-1)?.response.status).toBe(200);
  });

  it("lets it read the router's own 404 too", async () => {
    const verdict = await browse(fetch, { origin: allowed, url: 'https://api.example/nowhere' });
    expect(verdict.allowed).toBe(true);
    expect(verdict.exchanges.at(-1)?.response.status).toBe(404);
  });

  it('answers its JSON PUT preflight, though no route has PUT', async () => {
    const verdict = await browse(fetch, { origin: allowed, url: 'https://api.example/items/7', method: 'PUT', headers: { 'content-type': 'application/json' } });
    expect(verdict.exchanges[0]?.request.kind).toBe('preflight');
    expect(verdict.allowed).toBe(true);
  });

  it('keeps another origin out', async () => {
    const verdict = await browse(fetch, { origin: 'https://evil.example', url: 'https://api.example/items/7' });
    expect(verdict.allowed).toBe(false);
  });
});
