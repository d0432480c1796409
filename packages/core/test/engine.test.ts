// The low-level engine: decisions from plain header values, each refusal with a
// machine-readable reason that describeRefusal() can explain.
import { describe, expect, it } from 'vitest';
import { createCorsEngine, describeRefusal, type CorsDecision, type CorsOptions } from '../src/index.js';

type Refused = Extract<CorsDecision, { allowed: false }>;

const APP = 'https://myapp.es';
const base = {
  origin: [APP, 'https://*.myapp.es'],
  credentials: true,
  allowMethods: ['PUT', 'DELETE'],
  allowHeaders: ['content-type', 'x-user'],
  exposeHeaders: ['x-request-id'],
  maxAge: 120,
} satisfies CorsOptions;

type Row = [rule: string, method: string, origin: string | null, acrm: string | null, acrh: string | null, expected: CorsDecision];
const VARY_PREFLIGHT = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';

const rows: Row[] = [
  ['no Origin: not CORS, Vary: Origin', 'GET', null, null, null, { kind: 'not-cors', vary: 'Origin' }],
  ['no Origin on OPTIONS with ACRM: still not CORS', 'OPTIONS', null, 'PUT', null, { kind: 'not-cors', vary: 'Origin' }],
  [
    'allowed actual request',
    'POST',
    APP,
    null,
    null,
    {
      kind: 'actual',
      allowed: true,
      headers: [
        ['access-control-allow-origin', APP],
        ['access-control-allow-credentials', 'true'],
        ['access-control-expose-headers', 'x-request-id'],
      ],
      vary: 'Origin',
    },
  ],
  ['refused actual request: reason origin', 'GET', 'https://evil.io', null, null, { kind: 'actual', allowed: false, refusal: { reason: 'origin', origin: 'https://evil.io' }, vary: 'Origin' }],
  [
    'allowed preflight',
    'OPTIONS',
    'https://a.myapp.es',
    'PUT',
    'X-User, content-type',
    {
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
  ],
  ['refused preflight: reason origin', 'OPTIONS', 'null', 'PUT', null, { kind: 'preflight', allowed: false, status: 403, refusal: { reason: 'origin', origin: 'null' }, vary: VARY_PREFLIGHT }],
  ['refused preflight: reason method', 'OPTIONS', APP, 'PATCH', null, { kind: 'preflight', allowed: false, status: 403, refusal: { reason: 'method', method: 'PATCH' }, vary: VARY_PREFLIGHT }],
  ['refused preflight: reason header', 'OPTIONS', APP, 'PUT', 'x-user,X-Admin', { kind: 'preflight', allowed: false, status: 403, refusal: { reason: 'header', header: 'x-admin' }, vary: VARY_PREFLIGHT }],
  [
    'refused preflight: reason malformed-request-headers',
    'OPTIONS',
    APP,
    'PUT',
    'x-user;x-admin',
    { kind: 'preflight', allowed: false, status: 403, refusal: { reason: 'malformed-request-headers', detail: expect.stringContaining('position 6') as unknown as string }, vary: VARY_PREFLIGHT },
  ],
  [
    'refused preflight: reason oversized-request-headers (length)',
    'OPTIONS',
    APP,
    'PUT',
    'x-user,'.repeat(600),
    { kind: 'preflight', allowed: false, status: 403, refusal: { reason: 'oversized-request-headers', detail: expect.stringContaining('4096') as unknown as string }, vary: VARY_PREFLIGHT },
  ],
  [
    'refused preflight: reason oversized-request-headers (count)',
    'OPTIONS',
    APP,
    'PUT',
    'x-user,'.repeat(101),
    { kind: 'preflight', allowed: false, status: 403, refusal: { reason: 'oversized-request-headers', detail: expect.stringContaining('100') as unknown as string }, vary: VARY_PREFLIGHT },
  ],
  ['the origin is checked before the method', 'OPTIONS', 'https://evil.io', 'PATCH', 'x-admin', { kind: 'preflight', allowed: false, status: 403, refusal: { reason: 'origin', origin: 'https://evil.io' }, vary: VARY_PREFLIGHT }],
  ['the method is checked before the headers', 'OPTIONS', APP, 'PATCH', 'x-admin', { kind: 'preflight', allowed: false, status: 403, refusal: { reason: 'method', method: 'PATCH' }, vary: VARY_PREFLIGHT }],
  ['an empty ACRH is no header at all (no ACAH)', 'OPTIONS', APP, 'GET', '', expect.objectContaining({ allowed: true, headers: expect.not.arrayContaining([expect.arrayContaining(['access-control-allow-headers'])]) }) as CorsDecision],
];

describe('engine.decide', () => {
  const engine = createCorsEngine(base);
  it.each(rows)('%s', (_rule, method, origin, acrm, acrh, expected) => {
    expect(engine.decide(method, origin, acrm, acrh, undefined as never)).toEqual(expected);
  });

  it('accepts undefined for absent headers', () => {
    expect(engine.decide('GET', undefined, undefined, undefined, undefined as never)).toEqual({ kind: 'not-cors', vary: 'Origin' });
  });

  it("origin '*' needs no Vary: Origin on actual requests, and keeps the ACRM/ACRH Vary on preflights", () => {
    const any = createCorsEngine({ origin: '*' });
    expect(any.variesByOrigin).toBe(false);
    expect(any.decide('GET', null, null, null, undefined as never)).toEqual({ kind: 'not-cors', vary: undefined });
    expect(any.decide('GET', APP, null, null, undefined as never)).toMatchObject({ allowed: true, vary: undefined });
    expect(any.decide('OPTIONS', APP, 'PUT', null, undefined as never)).toMatchObject({
      vary: 'Access-Control-Request-Method, Access-Control-Request-Headers',
    });
    expect(createCorsEngine(base).variesByOrigin).toBe(true);
  });

  it('exposes the normalised configuration', () => {
    const { config } = createCorsEngine({ origin: APP, allowMethods: ['put', 'PURGE'], allowHeaders: ['X-User', '*'] });
    expect(config.allowMethods).toEqual(['PUT', 'PURGE']);
    expect(config.allowHeaders).toEqual(['*']);
    expect(config.maxAge).toBe(600);
    expect(config.preflightStatus).toBe(204);
    expect(config.credentials).toBe(false);
  });

  it('passes its own request type to an origin function', () => {
    interface FastifyLikeRequest {
      ip: string;
    }
    const seen: FastifyLikeRequest[] = [];
    const engine = createCorsEngine<FastifyLikeRequest>({ origin: (_o, req) => (seen.push(req), req.ip === '10.0.0.1') });
    const req = { ip: '10.0.0.1' };
    expect(engine.decide('GET', APP, null, null, req)).toMatchObject({ allowed: true });
    expect(seen).toEqual([req]);
  });

  it('returns a promise only with an async origin function', async () => {
    const engine = createCorsEngine({ origin: async (o) => o === APP });
    const decision = engine.decide('GET', APP, null, null, undefined as never);
    expect(decision).toBeInstanceOf(Promise);
    expect(await decision).toMatchObject({ allowed: true });
    // No Origin needs no origin check, so it stays synchronous.
    expect(engine.decide('GET', null, null, null, undefined as never)).toEqual({ kind: 'not-cors', vary: 'Origin' });
  });
});

describe('describeRefusal explains every reason', () => {
  const engine = createCorsEngine(base);
  const refusals = rows
    .map(([rule, ...args]) => [rule, engine.decide(...args.slice(0, 4) as [string, string | null, string | null, string | null], undefined as never)] as const)
    .filter((entry): entry is readonly [string, Refused] => 'allowed' in entry[1] && !entry[1].allowed);

  it('covers all five reasons', () => {
    expect(new Set(refusals.map(([, d]) => d.refusal.reason))).toEqual(
      new Set(['origin', 'method', 'header', 'malformed-request-headers', 'oversized-request-headers']),
    );
  });

  it.each(refusals)('%s', (_rule, decision) => {
    const text = describeRefusal(decision.refusal);
    const r = decision.refusal;
    const mention =
      r.reason === 'origin' ? /origin/ : r.reason === 'method' ? new RegExp(`'${r.method}'`) : r.reason === 'header' ? new RegExp(`'${r.header}'`) : /Access-Control-Request-Headers/;
    expect(text).toMatch(mention);
    if ('detail' in r) expect(text).toContain(r.detail);
  });
});

describe('describeRefusal never mirrors what it cannot vouch for', () => {
  it.each([
    { rule: 'a method that is not a token is not repeated', refusal: { reason: 'method', method: 'GET POST' }, text: 'the requested method is not allowed' },
    { rule: 'a 10 KiB method is not repeated', refusal: { reason: 'method', method: 'X'.repeat(10240) }, text: 'the requested method is not allowed' },
    { rule: 'a 65-character header name is not repeated', refusal: { reason: 'header', header: 'x'.repeat(65) }, text: 'a requested header is not allowed' },
    { rule: 'a 64-character header name is', refusal: { reason: 'header', header: 'x'.repeat(64) }, text: `the request header '${'x'.repeat(64)}' is not allowed` },
  ] as const)('$rule', ({ refusal, text }) => {
    expect(describeRefusal(refusal)).toBe(text);
  });
});
