// The harness the rows rely on can tell servers apart: conclusions read only the application's
// headers, and the shared cache serves one origin's answer to another exactly when Vary allows.

import { describe, expect, it } from 'vitest';
import { Reached } from '../src/app.js';
import { conclude } from '../src/conclude.js';
import { declaresDifference } from '../src/rows.js';
import { fetchServer, type Server } from '../src/servers.js';
import { throughSharedCache } from '../src/shared-cache.js';

/** A server reflecting any origin, with `vary` or without, and a header of its own. */
function reflecting(vary: boolean): Server {
  const reached = new Reached();
  return fetchServer((request) => {
    reached.saw('actual');
    const headers = new Headers({ 'access-control-allow-origin': request.headers.get('origin') ?? '', 'x-request-id': '1', 'x-transport': 'y' });
    headers.set('access-control-expose-headers', 'x-request-id, x-transport');
    if (vary) headers.set('vary', 'Origin');
    return new Response('{}', { headers });
  }, reached);
}

const call = (origin: string) => ({ origin, url: 'https://api.example/x' });

describe('conclude', () => {
  it("reads only the application's own headers, and who reached it", async () => {
    expect(await conclude(call('https://a.example'), reflecting(true))).toEqual({
      allowed: true,
      readable: ['content-type', 'x-request-id'],
      reached: ['actual'],
      cachedFor: null,
    });
  });
});

describe('throughSharedCache', () => {
  it("serves one origin's answer to the next origin without Vary: Origin", async () => {
    const server = reflecting(false);
    const send = throughSharedCache(server.send);
    await conclude(call('https://a.example'), server, send);
    expect(await conclude(call('https://b.example'), server, send)).toMatchObject({ allowed: false, reached: [] });
  });

  it('asks the server again for another origin with Vary: Origin', async () => {
    const server = reflecting(true);
    const send = throughSharedCache(server.send);
    await conclude(call('https://a.example'), server, send);
    expect(await conclude(call('https://b.example'), server, send)).toMatchObject({ allowed: true, reached: ['actual'] });
    expect(await conclude(call('https://b.example'), server, send)).toMatchObject({ allowed: true, reached: [] });
  });
});

describe('declaresDifference', () => {
  const base = { name: 'x', call: call('https://a.example') };
  it('holds only when both sides name a field and disagree on it', () => {
    expect(declaresDifference({ ...base, peer: { allowed: true }, portcullis: { allowed: false } })).toBe(true);
    expect(declaresDifference({ ...base, peer: { allowed: true, cachedFor: 5 }, portcullis: { allowed: true } })).toBe(false);
    expect(declaresDifference({ ...base, peer: { allowed: true }, portcullis: { allowed: true } })).toBe(false);
    expect(declaresDifference({ ...base, peer: { allowed: true } })).toBe(false);
  });
});
