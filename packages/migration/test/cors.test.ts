// MIGRATING.md, from `cors` (Express): every row, the peer and @portcullis/node in the same
// Express application on a real loopback server; then what the rows' tables cannot show: an
// Express origin callback given to Portcullis as it is, the preflight status, the README's
// Express 4 routes, and that every option of `cors` has its row.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { simulateFetch } from '@portcullis/browser-model';
import { cors, type CorsRefusalEvent } from '@portcullis/node';
import express from 'express';
import { describe, expect, it, vi } from 'vitest';
import { db } from '../src/recipes/database.js';
import { withPreflightLog } from '../src/recipes/preflight-continue.js';
import { expressServer, type Server } from '../src/servers.js';
import { startPeer, startPortcullis } from '../src/sides.js';
import { CALLBACK_AS_IS, corsRows } from './rows/cors.js';
import { get, json, options } from './rows/calls.js';
import { describeRows } from './support/run-rows.js';

describeRows('cors', corsRows);

describe('every option of cors has a row', () => {
  // The options cors 2.8.6 declares (its types, @types/cors).
  const types = readFileSync(join(createRequire(import.meta.url).resolve('@types/cors/package.json'), '../index.d.ts'), 'utf8');
  const declared = [...types.slice(types.indexOf('interface CorsOptions {')).split('}')[0]!.matchAll(/^\s+(\w+)\?:/gm)].map((m) => m[1]!);

  it.each(declared)('%s', (option) => {
    expect(corsRows.some((row) => new RegExp(`\\b${option}:`).test(row.peer))).toBe(true);
  });

  it('declares the eight options of its README', () => {
    expect(declared.sort()).toEqual(['allowedHeaders', 'credentials', 'exposedHeaders', 'maxAge', 'methods', 'optionsSuccessStatus', 'origin', 'preflightContinue']);
  });
});

const row = (id: string) => {
  const found = corsRows.find((r) => r.id === id);
  if (found === undefined) throw new Error(`no row ${id}`);
  return found;
};

const APP = 'https://app.example';

/** An Express application with `middleware` before the application, on loopback. */
function withMiddleware(middleware: unknown): Promise<Server> {
  return expressServer((app, handler) => app.use(middleware as express.RequestHandler, handler));
}

describe('cors.origin-callback: an Express (origin, callback) function given to Portcullis as it is', () => {
  it('is called with the request as its callback: it returns undefined, which refuses the origin, then throws when it calls back', async () => {
    const events: CorsRefusalEvent[] = [];
    const originFunction = function (this: unknown, origin: string, callback: (error: Error | null, origins: string[]) => void) {
      db.loadOrigins(function (error, origins) {
        callback(error, origins);
      });
    } as unknown as (origin: string) => boolean;
    const server = await withMiddleware(cors({ origin: originFunction, onRefusal: (event) => void events.push(event) }));
    db.callbackErrors.length = 0;
    try {
      const verdict = await simulateFetch(get(APP), server.send);
      expect(verdict.allowed).toBe(false);
      expect(events.map(({ code, message, fix }) => ({ code, message, fix }))).toEqual([
        {
          code: 'origin.function-result',
          message: CALLBACK_AS_IS.refusal,
          fix: 'return true to allow the origin and false to refuse it (an Express-style (origin, callback) function is not supported: return the verdict, or a promise of it)',
        },
      ]);
      // The database answers later; the function then calls the request it was given.
      await vi.waitFor(() => expect(db.callbackErrors.map(String)).toEqual([CALLBACK_AS_IS.thrown]));
    } finally {
      await server.close();
    }
  });

  it('is refused, and said once on the console, when it calls back at once: no TypeError reaches the error handler', async () => {
    const originFunction = function (origin: string, callback: (error: Error | null, allow: boolean) => void) {
      callback(null, true);
    } as unknown as (origin: string) => boolean;
    const errors: unknown[] = [];
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const server = await expressServer((app, handler) => {
      app.use(cors({ origin: originFunction }), handler);
      app.use(((error, _req, res, _next) => {
        errors.push(error);
        res.status(500).end();
      }) as express.ErrorRequestHandler);
    });
    try {
      for (let i = 0; i < 2; i++) {
        const verdict = await simulateFetch(get(APP), server.send);
        expect(verdict.allowed).toBe(false);
        expect(verdict.exchanges.map((e) => e.response.status)).toEqual([200]);
      }
      expect(errors).toEqual([]);
      expect(consoleError.mock.calls.map(([line]) => line)).toEqual([CALLBACK_AS_IS.note]);
    } finally {
      consoleError.mockRestore();
      await server.close();
    }
  });

  it('is fixed by the translation, which the browser trusts as the peer', async () => {
    const translated = await startPortcullis('cors', row('cors.origin-callback'), []);
    try {
      const verdict = await simulateFetch(json(APP), translated.send);
      expect(verdict.allowed).toBe(true);
    } finally {
      await translated.close();
    }
  });
});

describe('cors.optionsSuccessStatus', () => {
  it('answers the preflight with 200 on both sides', async () => {
    const peer = await startPeer('cors', row('cors.optionsSuccessStatus'));
    try {
      const portcullis = await startPortcullis('cors', row('cors.optionsSuccessStatus'), []);
      try {
        for (const server of [peer, portcullis]) {
          const verdict = await simulateFetch(json('http://example.com'), server.send);
          expect(verdict.exchanges.map((e) => [e.request.kind, e.response.status])).toEqual([
            ['preflight', 200],
            ['actual', 200],
          ]);
        }
      } finally {
        await portcullis.close();
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
  async function withLog(): Promise<{ server: Server; seen: ReturnType<typeof withPreflightLog> }> {
    let seen: ReturnType<typeof withPreflightLog> = [];
    const server = await expressServer((app, handler) => {
      seen = withPreflightLog(app, handler);
    });
    return { server, seen };
  }

  it('shows your middleware every preflight, with why Portcullis refused it', async () => {
    const { server, seen } = await withLog();
    try {
      expect((await simulateFetch(json(APP), server.send)).allowed).toBe(true);
      expect((await simulateFetch(json(APP, 'PUT', { headers: { 'x-api-key': '1' } }), server.send)).allowed).toBe(false);
      expect((await simulateFetch(json('https://evil.example'), server.send)).allowed).toBe(false);
      await vi.waitFor(() =>
        expect(seen).toEqual([
          { origin: APP, method: 'PUT', refused: null },
          { origin: APP, method: 'PUT', refused: "request header 'x-api-key' is not allowed" },
          { origin: 'https://evil.example', method: 'PUT', refused: 'origin https://evil.example is not allowed' },
        ]),
      );
    } finally {
      await server.close();
    }
  });

  it('lets ordinary OPTIONS requests reach the app, with CORS headers', async () => {
    const { server, seen } = await withLog();
    try {
      // A browser's fetch(url, { method: 'OPTIONS' }) needs OPTIONS allowed first; this policy does not.
      expect((await simulateFetch(options(APP), server.send)).allowed).toBe(false);
      server.reached.take();
      const answer = await server.send({ method: 'OPTIONS', url: 'https://api.example/items/1', headers: [['origin', APP]] } as never);
      expect(server.reached.take()).toEqual(['actual']);
      expect(answer.headers).toContainEqual(['access-control-allow-origin', APP]);
      expect((await simulateFetch(get(APP), server.send)).allowed).toBe(true);
      expect(seen.map((s) => s.method)).toEqual(['OPTIONS']);
    } finally {
      await server.close();
    }
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
    const server = await withMiddleware(cors({ origin }));
    try {
      return (await simulateFetch(get(from), server.send)).allowed;
    } finally {
      await server.close();
    }
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
