// Invariants over generated requests and answers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgePreflight, judgeResponse, planRequest, readableHeaders, renderVerdict, simulateFetch, type Engine } from '../src/index.js';
import { header, PAGE, permissivePreflight } from './helpers.js';

const token = fc.stringMatching(/^[a-zA-Z0-9!#$%&'*+.^_`|~-]{1,12}$/);
const byteString = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 150 });
const headerPair = fc.tuple(
  fc.oneof(token, fc.constantFrom('accept', 'Accept-Language', 'content-language', 'Content-Type', 'range', 'authorization', 'cookie', 'dpr')),
  fc.oneof(byteString, fc.constantFrom('text/plain', 'application/json', 'bytes=0-', 'en-US', 'on', '2')),
);
const headerLists = fc.array(headerPair, { maxLength: 8 });
const engines = fc.constantFrom<Engine>('chromium', 'firefox', 'standard');
const methods = fc.oneof(token, fc.constantFrom('GET', 'post', 'put', 'PATCH', 'patch', 'DELETE'));
const credentials = fc.constantFrom('omit' as const, 'same-origin' as const, 'include' as const);

const call = fc.record({ method: methods, headers: headerLists, engine: engines, credentials });

describe('planRequest', () => {
  it('never throws for any method or header list, and explains every refusal', () => {
    fc.assert(
      fc.property(call, (c) => {
        const p = planRequest({ origin: PAGE, url: 'https://api.example/x', ...c });
        if (!p.allowed) expect(p.reason).toBeTruthy();
      }),
    );
  });

  it('serializes Access-Control-Request-Headers as sorted, unique, lowercase names joined by "," alone', () => {
    fc.assert(
      fc.property(call, (c) => {
        const p = planRequest({ origin: PAGE, url: 'https://api.example/x', ...c });
        if (!p.preflight) return;
        const acrh = header(p.preflight.headers, 'access-control-request-headers');
        if (acrh === undefined) {
          expect(p.unsafeHeaders).toEqual([]);
          return;
        }
        const names = acrh.split(',');
        expect(acrh).not.toContain(' ');
        expect(names).toEqual([...new Set(names)].sort());
        expect(names.every((n) => n === n.toLowerCase() && n !== '')).toBe(true);
      }),
    );
  });

  it('needs a preflight exactly when the method or a header is unsafe', () => {
    fc.assert(
      fc.property(call, (c) => {
        const p = planRequest({ origin: PAGE, url: 'https://api.example/x', ...c });
        if (!p.allowed) return;
        const unsafeMethod = !['GET', 'HEAD', 'POST'].includes(p.method);
        expect(p.preflight !== null).toBe(unsafeMethod || p.unsafeHeaders.length > 0);
      }),
    );
  });

  it('never puts a forbidden header on the wire', () => {
    fc.assert(
      fc.property(call, (c) => {
        const p = planRequest({ origin: PAGE, url: 'https://api.example/x', ...c });
        const names = p.headers.map(([n]) => n.toLowerCase());
        expect(names).not.toContain('cookie');
        expect(names.some((n) => n.startsWith('sec-') || n.startsWith('proxy-'))).toBe(false);
      }),
    );
  });
});

describe('judgePreflight and judgeResponse', () => {
  it('allow every request a permissive, correct server answers', async () => {
    await fc.assert(
      fc.asyncProperty(call, async (c) => {
        const verdict = await simulateFetch({ origin: PAGE, url: 'https://api.example/x', ...c }, (request) => {
          const p = planRequest({ origin: PAGE, url: request.url, ...c });
          if (request.kind === 'preflight') return permissivePreflight(p);
          return {
            status: 200,
            headers: { 'access-control-allow-origin': PAGE, ...(p.credentials ? { 'access-control-allow-credentials': 'true' } : {}) },
          };
        });
        const p = planRequest({ origin: PAGE, url: 'https://api.example/x', ...c });
        expect(verdict.allowed).toBe(p.allowed);
        expect(renderVerdict(verdict)).toContain(verdict.allowed ? 'allowed' : 'blocked');
      }),
    );
  });

  it('block once the origin is not echoed, whatever else the answer says', () => {
    fc.assert(
      fc.property(call, fc.constantFrom('https://other.example', `${PAGE}/`, '', 'null'), (c, acao) => {
        const p = planRequest({ origin: PAGE, url: 'https://api.example/x', ...c });
        if (!p.allowed) return;
        const answer = permissivePreflight(p, { 'access-control-allow-origin': acao });
        if (p.preflight) expect(judgePreflight(p, answer).allowed).toBe(false);
        expect(judgeResponse(p, answer).allowed).toBe(false);
      }),
    );
  });

  it('expose only names the response has, never set-cookie', () => {
    const names = fc.array(fc.oneof(token, fc.constantFrom('set-cookie', 'content-type', 'Set-Cookie2')), { maxLength: 8 });
    fc.assert(
      fc.property(names, fc.oneof(fc.constant('*'), token), fc.boolean(), (list, aceh, cred) => {
        const headers: [string, string][] = [...list.map((n): [string, string] => [n, 'v']), ['access-control-expose-headers', aceh]];
        const { readable, hidden } = readableHeaders(headers, { credentials: cred });
        const present = new Set(headers.map(([n]) => n.toLowerCase()));
        expect(readable.every((n) => present.has(n))).toBe(true);
        expect(readable).not.toContain('set-cookie');
        expect(readable).not.toContain('set-cookie2');
        expect(new Set([...readable, ...hidden])).toEqual(present);
      }),
    );
  });
});
