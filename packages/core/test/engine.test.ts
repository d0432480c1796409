// The low-level engine: decisions from plain header values, each refusal as data (a stable
// code and what the rule looked at) that explainRefusal() turns into words.
import { describe, expect, it } from 'vitest';
import { createCorsEngine, explainRefusal, type ActualDecision, type PreflightDecision } from '../src/adapter.js';
import type { CorsOptions, CorsRefusal } from '../src/index.js';

const APP = 'https://myapp.es';
const REQUEST = new Request('https://api.myapp.es/items');
const base = {
  origin: [APP, 'https://*.myapp.es'],
  credentials: true,
  allowMethods: ['PUT', 'DELETE'],
  allowHeaders: ['content-type', 'x-user'],
  exposeHeaders: ['x-request-id'],
  maxAge: 120,
  // These rows are about reading; writes have their own tests (write-protection.test.ts).
  protectWrites: false,
} satisfies CorsOptions;

const VARY_PREFLIGHT = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
const EXPLAINED = { status: 204, vary: VARY_PREFLIGHT, kind: 'preflight', allowed: false } as const;
const REFUSED = { status: 403, vary: VARY_PREFLIGHT, kind: 'preflight', allowed: false } as const;

const actualRows: { rule: string; origin: string | null | undefined; expected: ActualDecision }[] = [
  { rule: 'no Origin: not CORS, Vary: Origin', origin: null, expected: { kind: 'not-cors', vary: 'Origin' } },
  { rule: 'undefined stands for an absent Origin too', origin: undefined, expected: { kind: 'not-cors', vary: 'Origin' } },
  {
    rule: 'an allowed origin: ACAO, ACAC, ACEH',
    origin: APP,
    expected: {
      kind: 'actual',
      allowed: true,
      headers: [
        ['access-control-allow-origin', APP],
        ['access-control-allow-credentials', 'true'],
        ['access-control-expose-headers', 'x-request-id'],
      ],
      vary: 'Origin',
    },
  },
  { rule: 'an origin not listed', origin: 'https://evil.io', expected: { kind: 'actual', allowed: false, refusal: { code: 'origin.not-allowed', origin: 'https://evil.io' }, vary: 'Origin' } },
  { rule: "'null' is told apart", origin: 'null', expected: { kind: 'actual', allowed: false, refusal: { code: 'origin.null', origin: 'null' }, vary: 'Origin' } },
  { rule: 'a malformed origin is told apart', origin: 'https://myapp.es/', expected: { kind: 'actual', allowed: false, refusal: { code: 'origin.malformed', origin: 'https://myapp.es/' }, vary: 'Origin' } },
];

const preflightRows: {
  rule: string;
  origin: string;
  method: string;
  headers: string | null;
  expected: PreflightDecision;
}[] = [
  {
    rule: 'allowed',
    origin: 'https://a.myapp.es',
    method: 'PUT',
    headers: 'X-User, content-type',
    expected: {
      kind: 'preflight',
      allowed: true,
      status: 204,
      headers: [
        ['access-control-allow-origin', 'https://a.myapp.es'],
        ['access-control-allow-credentials', 'true'],
        ['access-control-allow-methods', 'PUT, DELETE'],
        ['access-control-allow-headers', 'content-type, x-user'],
        ['access-control-max-age', '120'],
      ],
      vary: VARY_PREFLIGHT,
    },
  },
  {
    rule: 'refused origin: 403, only the reason',
    origin: 'null',
    method: 'PUT',
    headers: null,
    expected: {
      ...REFUSED,
      headers: [['portcullis-refusal', explainRefusal({ code: 'origin.null', origin: 'null' }).message]],
      refusal: { code: 'origin.null', origin: 'null' },
    },
  },
  {
    rule: 'refused method: explained, with the allowed methods',
    origin: APP,
    method: 'PATCH',
    headers: null,
    expected: {
      ...EXPLAINED,
      headers: [
        ['access-control-allow-origin', APP],
        ['access-control-allow-credentials', 'true'],
        ['access-control-allow-methods', 'PUT, DELETE'],
        ['portcullis-refusal', "method 'PATCH' is not allowed (allowed: PUT, DELETE)"],
      ],
      refusal: { code: 'method.not-allowed', origin: APP, method: 'PATCH', allowed: ['PUT', 'DELETE'] },
    },
  },
  {
    rule: 'refused header: explained, with the allowed headers',
    origin: APP,
    method: 'PUT',
    headers: 'x-user,X-Admin',
    expected: {
      ...EXPLAINED,
      headers: [
        ['access-control-allow-origin', APP],
        ['access-control-allow-credentials', 'true'],
        ['access-control-allow-methods', 'PUT, DELETE'],
        ['access-control-allow-headers', 'content-type, x-user'],
        ['portcullis-refusal', "request header 'x-admin' is not allowed"],
      ],
      refusal: { code: 'header.not-allowed', origin: APP, header: 'x-admin', allowed: ['content-type', 'x-user'] },
    },
  },
  {
    rule: 'malformed request headers: 403, with the position',
    origin: APP,
    method: 'PUT',
    headers: 'x-user;x-admin',
    expected: expect.objectContaining({ ...REFUSED, refusal: { code: 'request-headers.malformed', origin: APP, position: 6 } }) as PreflightDecision,
  },
  {
    rule: 'the origin is checked before the method',
    origin: 'https://evil.io',
    method: 'PATCH',
    headers: 'x-admin',
    expected: expect.objectContaining({ ...REFUSED, refusal: { code: 'origin.not-allowed', origin: 'https://evil.io' } }) as PreflightDecision,
  },
  {
    rule: 'the method is checked before the headers',
    origin: APP,
    method: 'PATCH',
    headers: 'x-admin',
    expected: expect.objectContaining({ refusal: expect.objectContaining({ code: 'method.not-allowed' }) }) as PreflightDecision,
  },
  {
    rule: 'an empty request-headers list is no header at all (no ACAH)',
    origin: APP,
    method: 'GET',
    headers: '',
    expected: expect.objectContaining({ allowed: true, headers: expect.not.arrayContaining([expect.arrayContaining(['access-control-allow-headers'])]) }) as PreflightDecision,
  },
];

describe('engine.decideActual', () => {
  const engine = createCorsEngine(base);
  it.each(actualRows)('$rule', ({ origin, expected }) => {
    expect(engine.decideActual(origin, REQUEST)).toEqual(expected);
  });
});

describe('engine.decidePreflight', () => {
  const engine = createCorsEngine(base);
  it.each(preflightRows)('$rule', ({ origin, method, headers, expected }) => {
    expect(engine.decidePreflight(origin, method, headers, REQUEST)).toEqual(expected);
  });
});

describe('engine', () => {
  it("origin '*' needs no Vary: Origin, answers '*' without Origin too, and keeps the ACRM/ACRH Vary on preflights", () => {
    const any = createCorsEngine({ origin: '*' });
    expect(any.variesByOrigin).toBe(false);
    expect(any.decideActual(null, REQUEST)).toEqual({ kind: 'actual', allowed: true, headers: [['access-control-allow-origin', '*']], vary: undefined });
    expect(any.decideActual(APP, REQUEST)).toMatchObject({ allowed: true, vary: undefined });
    expect(any.decidePreflight(APP, 'PUT', null, REQUEST)).toMatchObject({
      vary: 'Access-Control-Request-Method, Access-Control-Request-Headers',
    });
    expect(createCorsEngine(base).variesByOrigin).toBe(true);
  });

  it('exposes the normalised configuration: header lists as a wildcard flag plus names', () => {
    const { config } = createCorsEngine({ origin: APP, allowMethods: ['put', 'PURGE'], allowHeaders: ['X-User', '*', 'Authorization'] });
    expect(config.allowMethods).toEqual({ kind: 'listed', names: ['PUT', 'PURGE'] });
    expect(config.allowHeaders).toEqual({ wildcard: true, names: ['authorization'] });
    expect(config.exposeHeaders).toEqual({ wildcard: false, names: [] });
    expect(config.maxAge).toBe(600);
    expect(config.preflightStatus).toBe(204);
    expect(config.credentials).toBe(false);
    expect(createCorsEngine({ origin: APP }).config.allowMethods).toEqual({ kind: 'default', names: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] });
  });

  it('passes its own request type to an origin function, read through the access it is given', () => {
    interface FastifyLikeRequest {
      ip: string;
      method: string;
    }
    const seen: FastifyLikeRequest[] = [];
    const access = { method: (r: FastifyLikeRequest) => r.method, header: () => undefined, host: () => 'api.myapp.es' };
    const engine = createCorsEngine<FastifyLikeRequest>({ origin: (_o, req) => (seen.push(req), req.ip === '10.0.0.1') }, access);
    const req = { ip: '10.0.0.1', method: 'GET' };
    expect(engine.decideActual(APP, req)).toMatchObject({ allowed: true });
    expect(seen).toEqual([req]);
  });

  it('returns a promise only with an async origin function', async () => {
    const engine = createCorsEngine({ origin: async (o) => o === APP });
    const decision = engine.decideActual(APP, REQUEST);
    expect(decision).toBeInstanceOf(Promise);
    expect(await decision).toMatchObject({ allowed: true });
    // No Origin needs no origin check, so it stays synchronous.
    expect(engine.decideActual(null, REQUEST)).toEqual({ kind: 'not-cors', vary: 'Origin' });
  });

  it('withRouteMethods keeps the origin check, the answers and the reporter, and is memoised', () => {
    const events: string[] = [];
    const engine = createCorsEngine({ origin: APP, onRefusal: (e) => events.push(e.code) });
    const routed = engine.withRouteMethods(['PUT']);
    expect(routed).toBe(engine.withRouteMethods(['put']));
    expect(routed.decidePreflight(APP, 'PUT', null, REQUEST)).toMatchObject({ allowed: true });
    routed.decidePreflight(APP, 'DELETE', null, REQUEST);
    routed.decidePreflight('https://evil.io', 'PUT', null, REQUEST);
    expect(events).toEqual(['method.not-allowed', 'origin.not-allowed']);
  });
});

describe('explainRefusal: one line of what, one of how to fix it, for every code', () => {
  const rows: { refusal: CorsRefusal; message: string; fix: string }[] = [
    {
      refusal: { code: 'origin.not-allowed', origin: 'https://evil.io' },
      message: 'origin https://evil.io is not allowed',
      fix: "add 'https://evil.io' to origin if that site may read responses",
    },
    {
      refusal: { code: 'origin.null', origin: 'null' },
      message: "origin 'null' is never allowed (sandboxed iframes, data: and file: documents, cross-origin redirects)",
      fix: 'make the request from a page with a real origin, and list that origin',
    },
    {
      refusal: { code: 'origin.malformed', origin: 'https://myapp.es/' },
      message: 'the Origin header (https://myapp.es/) is not a serialized origin',
      fix: 'browsers never send such a value: check the client or proxy that set the Origin header',
    },
    {
      refusal: { code: 'origin.function-result', origin: APP, returned: 'undefined' },
      message: 'the origin function returned undefined for https://myapp.es, which refuses it',
      fix: 'return true to allow the origin and false to refuse it (an Express-style (origin, callback) function is not supported: return the verdict, or a promise of it)',
    },
    {
      refusal: { code: 'origin.function-result', origin: APP, returned: 'null' },
      message: 'the origin function returned null for https://myapp.es, which refuses it',
      fix: 'return true to allow the origin and false to refuse it',
    },
    {
      refusal: { code: 'method.not-allowed', origin: APP, method: 'PURGE', allowed: ['PUT'] },
      message: "method 'PURGE' is not allowed (allowed: PUT)",
      fix: "add 'PURGE' to allowMethods",
    },
    {
      refusal: { code: 'method.not-allowed', origin: APP, method: 'patch', allowed: ['PATCH'] },
      message: "method 'patch' is not allowed (allowed: PATCH)",
      fix: "methods are case-sensitive and browsers send 'patch' as written: call fetch with method: 'PATCH', or add 'patch' to allowMethods",
    },
    {
      refusal: { code: 'method.invalid', origin: APP, method: 'CONNECT' },
      message: "'CONNECT' is not a method a browser can send",
      fix: 'browsers never send it: check the client that made the request',
    },
    {
      refusal: { code: 'header.not-allowed', origin: APP, header: 'x-api-key', allowed: ['content-type'] },
      message: "request header 'x-api-key' is not allowed",
      fix: "add 'x-api-key' to allowHeaders",
    },
    {
      refusal: { code: 'header.authorization-not-covered', origin: APP, header: 'authorization' },
      message: "request header 'authorization' is not allowed: '*' never covers authorization",
      fix: "list it beside the wildcard: allowHeaders: ['*', 'authorization']",
    },
    {
      refusal: { code: 'request-headers.malformed', origin: APP, position: 6 },
      message: 'Access-Control-Request-Headers is not a list of header names (unexpected character at position 6)',
      fix: 'browsers never send this: check the client or proxy that set it',
    },
    {
      refusal: { code: 'request-headers.too-long', origin: APP, length: 5000, limit: 4096 },
      message: 'Access-Control-Request-Headers is 5000 characters long, over the limit of 4096',
      fix: 'send fewer custom request headers',
    },
    {
      refusal: { code: 'request-headers.too-many', origin: APP, limit: 100 },
      message: 'Access-Control-Request-Headers names more than 100 headers',
      fix: 'send fewer custom request headers',
    },
    {
      refusal: { code: 'write.cross-origin', origin: 'https://evil.example', method: 'POST', secFetchSite: 'cross-site', host: null },
      message: 'cross-site POST from https://evil.example refused: the origin is not allowed',
      fix: 'add the origin to origin if that site may write, or set protectWrites: false',
    },
    {
      refusal: { code: 'write.cross-origin', origin: 'https://evil.example', method: 'DELETE', secFetchSite: null, host: 'api.myapp.es' },
      message: "cross-origin DELETE from https://evil.example refused: the origin is not allowed, and it is not the request's host api.myapp.es",
      fix: 'add the origin to origin if that site may write; behind a proxy that rewrites Host, make the request URL carry the public host; or set protectWrites: false',
    },
  ];

  it('covers every refusal code', () => {
    expect(new Set(rows.map((r) => r.refusal.code)).size).toBe(12);
  });

  it.each(rows)('$refusal.code: $message', ({ refusal, message, fix }) => {
    expect(explainRefusal(refusal)).toEqual({ message, fix });
  });

  it.each([
    { rule: 'a method that is not a token is not repeated', refusal: { code: 'method.invalid', origin: APP, method: 'GET POST' } as const, text: 'the requested method is not one a browser can send' },
    { rule: 'a 10 KiB method is not repeated', refusal: { code: 'method.not-allowed', origin: APP, method: 'X'.repeat(10240), allowed: [] } as const, text: 'the requested method is not allowed (allowed: none listed; GET, HEAD and POST need no listing)' },
    { rule: 'a string an origin function returned with CR/LF is described, not repeated', refusal: { code: 'origin.function-result', origin: APP, returned: "'denied\r\nSet-Cookie: x=1'" } as const, text: 'the origin function returned a value that cannot be shown for https://myapp.es, which refuses it' },
    { rule: 'a 65-character header name is not repeated', refusal: { code: 'header.not-allowed', origin: APP, header: 'x'.repeat(65), allowed: [] } as const, text: 'a requested header is not allowed' },
    { rule: 'a 64-character header name is', refusal: { code: 'header.not-allowed', origin: APP, header: 'x'.repeat(64), allowed: [] } as const, text: `request header '${'x'.repeat(64)}' is not allowed` },
    { rule: 'an origin with control characters is described, not repeated', refusal: { code: 'origin.malformed', origin: 'https://a.es\r\nx: y' } as const, text: 'the Origin header (an unprintable Origin of 18 characters) is not a serialized origin' },
    { rule: 'a 2 KiB origin is described, not repeated', refusal: { code: 'origin.malformed', origin: `https://${'a'.repeat(2040)}` } as const, text: 'the Origin header (an unprintable Origin of 2048 characters) is not a serialized origin' },
  ])('never mirrors what it cannot vouch for: $rule', ({ refusal, text }) => {
    expect(explainRefusal(refusal).message).toBe(text);
  });
});
