// MIGRATING.md, from `cors` (Express): every row, the peer on a real loopback Express server;
// then what the rows' tables cannot show: an Express origin callback given to Portcullis as it
// is, the preflight status, and the README's Express 4 routes.

import { simulateFetch } from '@portcullis/browser-model';
import { cors, type CorsRefusalEvent } from '@portcullis/core';
import express from 'express';
import { describe, expect, it, vi } from 'vitest';
import { fetchApp, Reached } from '../src/app.js';
import { db } from '../src/recipes/database.js';
import { withOwnOptionsHandler } from '../src/recipes/preflight-continue.js';
import { fetchServer } from '../src/servers.js';
import { startPeer, startPortcullis } from '../src/sides.js';
import { CALLBACK_AS_IS, corsRows } from './rows/cors.js';
import { get, json, options } from './rows/calls.js';
import { describeRows } from './support/run-rows.js';

describeRows('cors', corsRows);

const row = (id: string) => {
  const found = corsRows.find((r) => r.id === id);
  if (found === undefined) throw new Error(`no row ${id}`);
  return found;
};

const APP = 'https://app.example';
const request = (origin: string) => new Request('https://api.example/items/1', { headers: { origin } });

describe('cors.origin-callback: an Express (origin, callback) function given to Portcullis as it is', () => {
  it('is called with the request as its callback: it returns undefined, which refuses the origin, then throws when it calls back', async () => {
    const events: CorsRefusalEvent[] = [];
    const origin = function (this: unknown, origin: string, callback: (error: Error | null, origins: string[]) => void) {
      db.loadOrigins(function (error, origins) {
        callback(error, origins);
      });
    } as unknown as (origin: string) => boolean;
    const handler = cors({ origin, onRefusal: (event) => void events.push(event) }).wrap(fetchApp(new Reached()));
    db.callbackErrors.length = 0;

    const response = handler(request(APP));
    expect(response.headers.has('access-control-allow-origin')).toBe(false);
    expect(events.map(({ code, message, fix }) => ({ code, message, fix }))).toEqual([
      {
        code: 'origin.function-result',
        message: CALLBACK_AS_IS.refusal,
        fix: 'return true to allow the origin and false to refuse it (an Express-style (origin, callback) function is not supported: return the verdict, or a promise of it)',
      },
    ]);
    // The database answers later; the function then calls the Request it was given.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(db.callbackErrors.map(String)).toEqual([CALLBACK_AS_IS.thrown]);
  });

  it('is refused, and said once on the console, when it calls back at once: no TypeError leaves the handler', () => {
    const origin = function (origin: string, callback: (error: Error | null, allow: boolean) => void) {
      callback(null, true);
    } as unknown as (origin: string) => boolean;
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const handler = cors({ origin }).wrap(fetchApp(new Reached()));
      for (let i = 0; i < 2; i++) expect(handler(request(APP)).headers.has('access-control-allow-origin')).toBe(false);
      expect(consoleError.mock.calls.map(([line]) => line)).toEqual([CALLBACK_AS_IS.note]);
    } finally {
      consoleError.mockRestore();
    }
  });

  it('is fixed by the translation, which the browser trusts as the peer', async () => {
    const translated = startPortcullis(row('cors.origin-callback'), []);
    const verdict = await simulateFetch(json(APP), translated.send);
    expect(verdict.allowed).toBe(true);
  });
});

describe('cors.optionsSuccessStatus', () => {
  it('answers the preflight with 200 on both sides', async () => {
    const peer = await startPeer('cors', row('cors.optionsSuccessStatus'));
    try {
      const portcullis = startPortcullis(row('cors.optionsSuccessStatus'), []);
      for (const server of [peer, portcullis]) {
        const verdict = await simulateFetch(json('http://example.com'), server.send);
        expect(verdict.exchanges.map((e) => [e.request.kind, e.response.status])).toEqual([
          ['preflight', 200],
          ['actual', 200],
        ]);
      }
    } finally {
      await peer.close();
    }
  });
});

describe('cors.preflight-route: the README\'s "Enabling CORS Pre-Flight" on Express 5', () => {
  it("has no app.del (Express 5 removed it: use app.delete)", () => {
    expect((express() as unknown as Record<string, unknown>)['del']).toBeUndefined();
  });

  it("refuses app.options('*', ...) (Express 5 paths name their wildcards: '/{*splat}')", () => {
    expect(() => express().options('*', (_req, res) => void res.end())).toThrow(/Missing parameter name/);
    expect(() => express().options('/{*splat}', (_req, res) => void res.end())).not.toThrow();
  });
});

describe('cors.preflightContinue: the recipe', () => {
  it('shows your OPTIONS handler every preflight, with why Portcullis refused it', async () => {
    const reached = new Reached();
    const recipe = withOwnOptionsHandler(fetchApp(reached));
    const server = fetchServer(recipe.handle, reached);
    expect((await simulateFetch(json(APP), server.send)).allowed).toBe(true);
    expect((await simulateFetch(json(APP, 'PUT', { headers: { 'x-api-key': '1' } }), server.send)).allowed).toBe(false);
    expect((await simulateFetch(json('https://evil.example'), server.send)).allowed).toBe(false);
    expect(recipe.seen).toEqual([
      { origin: APP, method: 'PUT', refused: null },
      { origin: APP, method: 'PUT', refused: "request header 'x-api-key' is not allowed" },
      { origin: 'https://evil.example', method: 'PUT', refused: 'origin https://evil.example is not allowed' },
    ]);
  });

  it('lets ordinary OPTIONS requests reach the app, with CORS headers', async () => {
    const reached = new Reached();
    const recipe = withOwnOptionsHandler(fetchApp(reached));
    const answer = recipe.handle(new Request('https://api.example/items/1', { method: 'OPTIONS', headers: { origin: APP } }));
    expect(reached.take()).toEqual(['actual']);
    expect(answer.headers.get('access-control-allow-origin')).toBe(APP);
    expect(recipe.seen).toEqual([]);
    // A browser's fetch(url, { method: 'OPTIONS' }) needs OPTIONS allowed first; this policy does not.
    expect((await simulateFetch(options(APP), fetchServer(recipe.handle, reached).send)).allowed).toBe(false);
    expect((await simulateFetch(get(APP), fetchServer(recipe.handle, reached).send)).allowed).toBe(true);
  });
});

describe("core's suggested fix for an unanchored RegExp, applied", () => {
  /** The RegExp in a fix such as `anchor it: /^https:\/\/example\.com$/`. */
  function suggested(id: string): RegExp {
    const says = row(id).core;
    if (says === 'accepted') throw new Error(`${id} is accepted`);
    const fix = says.find((s) => s.code === 'regexp.unanchored')?.fix ?? '';
    const match = /^anchor it: \/(.*)\/$/.exec(fix);
    if (match === null) throw new Error(`no RegExp in ${fix}`);
    return new RegExp(match[1]!);
  }
  const allowed = async (origin: RegExp, from: string) => {
    const handler = cors({ origin }).wrap(fetchApp(new Reached()));
    return (await simulateFetch(get(from), fetchServer(handler, new Reached()).send)).allowed;
  };

  it('cors.origin-regexp: allows the apex only, no longer its subdomains', async () => {
    const origin = suggested('cors.origin-regexp');
    expect(await allowed(origin, 'https://example.com')).toBe(true);
    expect(await allowed(origin, 'https://www.example.com')).toBe(false);
  });

  it('cors.origin-array: keeps the subdomains the RegExp meant, not the apex', async () => {
    const origin = suggested('cors.origin-array');
    expect(await allowed(origin, 'https://app.example2.com')).toBe(true);
    expect(await allowed(origin, 'https://a.b.example2.com')).toBe(true);
    expect(await allowed(origin, 'https://example2.com')).toBe(false);
    expect(await allowed(origin, 'https://evilexample2.com')).toBe(false);
  });
});
