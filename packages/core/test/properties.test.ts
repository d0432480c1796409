// Property-based tests: random configurations meet random, often hostile, requests. Whatever the
// input, the invariants below hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCorsEngine } from '../src/adapter.js';
import { MAX_ORIGIN_LENGTH } from '../src/protocol.js';
import { cors, type CorsOptions } from '../src/index.js';
import { SITE } from './helpers.js';

type Of<A> = A extends fc.Arbitrary<infer T> ? T : never;

// ---- origins --------------------------------------------------------------------------------

const hosts = ['myapp.es', 'app.myapp.es', 'a.b.myapp.es', 'foo.com', 'barfoo.com', 'myapp.es.evil.io', 'evilmyapp.es', 'localhost', 'evil.localhost', '127.0.0.1', '[::1]'];
const wellFormedOrigin = fc
  .tuple(fc.constantFrom('https', 'http', 'ws'), fc.constantFrom(...hosts), fc.constantFrom('', ':3000', ':8443', ':65535', ':1'))
  .map(([s, h, p]) => `${s}://${h}${p}`);
const generatedSubdomainOrigin = fc
  .array(fc.stringMatching(/^[a-z0-9_-]{1,8}$/), { minLength: 1, maxLength: 4 })
  .map((labels) => `https://${labels.join('.')}.myapp.es`);
/** What an attacker could put in a header a Request accepts: any byte but NUL, CR and LF. */
const headerByte = fc.integer({ min: 1, max: 255 }).filter((c) => c !== 10 && c !== 13).map((c) => String.fromCharCode(c));
const headerValue = (maxLength: number) => fc.string({ unit: headerByte, maxLength }).map((s) => s.trim());
const hostileOrigin = fc.oneof(
  fc.constantFrom('null', '', 'https://MYAPP.ES', 'https://myapp.es/', 'https://myapp.es:443', 'https://.myapp.es', 'http://localhost:99999', 'http://localhost:0', 'https://myapp.es, https://evil.io', `https://${'a'.repeat(10240)}.myapp.es`, 'https://app.myapp.es\t'),
  headerValue(40),
  fc.tuple(wellFormedOrigin, headerValue(6)).map(([o, tail]) => o + tail),
);
const anyOrigin = fc.oneof(wellFormedOrigin, generatedSubdomainOrigin, hostileOrigin);

// ---- configurations, with an independent oracle for list configurations ---------------------

const listEntries = ['https://myapp.es', 'https://*.myapp.es', 'http://localhost:*', 'https://foo.com', 'http://127.0.0.1:3000', 'http://[::1]:3000'] as const;

/** Reference semantics of the list entries above, written independently of the matcher. */
function oracle(entry: (typeof listEntries)[number], origin: string): boolean {
  // No page can live on an origin this long (a DNS name has at most 253 bytes), so the matcher
  // refuses it unread, whatever the patterns.
  if (origin.length > MAX_ORIGIN_LENGTH) return false;
  switch (entry) {
    case 'https://*.myapp.es':
      return /^https:\/\/[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.myapp\.es$/.test(origin);
    case 'http://localhost:*': {
      const m = /^http:\/\/localhost(?::([1-9][0-9]{0,4}))?$/.exec(origin);
      return m !== null && (m[1] === undefined || Number(m[1]) <= 65535);
    }
    default:
      return origin === entry;
  }
}

type Shape = { kind: 'any' } | { kind: 'list'; entries: (typeof listEntries)[number][] } | { kind: 'function'; async: boolean };

const methodsArb = fc.oneof(fc.constant(undefined), fc.constant('*' as const), fc.subarray(['GET', 'PUT', 'PATCH', 'DELETE', 'patch', 'PURGE']));
const headersArb = fc.oneof(
  fc.constant(undefined),
  fc.constant('*' as const),
  fc.constant(['*', 'authorization']),
  fc.subarray(['content-type', 'authorization', 'x-user', 'X-Trace']),
);

const configArb = fc
  .record({
    shape: fc.oneof(
      fc.constant<Shape>({ kind: 'any' }),
      fc.subarray([...listEntries], { minLength: 1 }).map<Shape>((entries) => ({ kind: 'list', entries })),
      fc.boolean().map<Shape>((async) => ({ kind: 'function', async })),
    ),
    credentials: fc.boolean(),
    allowMethods: methodsArb,
    allowHeaders: headersArb,
    expose: fc.oneof(fc.constant(undefined), fc.constant(['x-request-id']), fc.constant('*' as const)),
    maxAge: fc.option(fc.integer({ min: 0, max: 86400 }), { nil: undefined }),
    preflightStatus: fc.option(fc.integer({ min: 200, max: 299 }), { nil: undefined }),
  })
  .map((c) => {
    const credentials = c.shape.kind === 'any' ? false : c.credentials;
    return { ...c, credentials, expose: credentials && c.expose === '*' ? undefined : c.expose };
  });

// ---- requests and handler responses --------------------------------------------------------

const acrhArb = fc.oneof(
  fc.constant(undefined),
  fc
    .array(fc.tuple(fc.constantFrom('content-type', 'Authorization', 'x-user', 'X-TRACE', 'x-other', ''), fc.constantFrom(',', ', ', ' ,\t', ',,')), { maxLength: 6 })
    .map((parts) => parts.map(([name, sep]) => name + sep).join('')),
  headerValue(30),
  fc.constant('x-user,'.repeat(700)),
);
const requestArb = fc.record({
  method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'OPTIONS', 'DELETE', 'PATCH'),
  origin: fc.option(anyOrigin, { nil: undefined }),
  acrm: fc.option(fc.oneof(fc.constantFrom('GET', 'PUT', 'PATCH', 'patch', 'DELETE', 'PURGE', 'CONNECT', 'trace', ''), headerValue(10)), { nil: undefined }),
  acrh: acrhArb,
});
const handlerArb = fc.record({
  status: fc.constantFrom(200, 201, 204, 302, 404, 500),
  vary: fc.option(fc.constantFrom('Accept-Encoding', 'origin', '*', 'accept, Origin'), { nil: undefined }),
  ownCors: fc.boolean(),
  async: fc.boolean(),
  immutable: fc.boolean(),
});

function build(config: Of<typeof configArb>) {
  const allowedByFunction = new Set<string>();
  let origin: CorsOptions['origin'];
  if (config.shape.kind === 'any') origin = '*';
  else if (config.shape.kind === 'list') origin = config.shape.entries;
  else {
    // A deterministic verdict that allows some origins and refuses others.
    const verdict = (o: string) => {
      const allow = o.length % 2 === 0;
      if (allow) allowedByFunction.add(o);
      return allow;
    };
    origin = config.shape.async ? async (o: string) => verdict(o) : verdict;
  }
  const options: CorsOptions = { origin, credentials: config.credentials, dangerouslyAllowInsecureOrigins: true };
  if (config.allowMethods !== undefined) options.allowMethods = config.allowMethods;
  if (config.allowHeaders !== undefined) options.allowHeaders = config.allowHeaders;
  if (config.expose !== undefined) options.exposeHeaders = config.expose;
  if (config.maxAge !== undefined) options.maxAge = config.maxAge;
  if (config.preflightStatus !== undefined) options.preflightStatus = config.preflightStatus;
  const isAllowed = (o: string): boolean =>
    config.shape.kind === 'any' ? true : config.shape.kind === 'list' ? config.shape.entries.some((e) => oracle(e, o)) : allowedByFunction.has(o);
  return { policy: cors(options), options, isAllowed };
}

function toRequest(r: Of<typeof requestArb>): Request {
  const headers = new Headers();
  if (r.origin !== undefined) headers.set('origin', r.origin);
  if (r.acrm !== undefined) headers.set('access-control-request-method', r.acrm);
  if (r.acrh !== undefined) headers.set('access-control-request-headers', r.acrh);
  return new Request(SITE, { method: r.method, headers });
}

function handlerResponse(h: Of<typeof handlerArb>): Response {
  const headers = new Headers();
  if (h.vary !== undefined) headers.set('vary', h.vary);
  if (h.ownCors) {
    headers.set('access-control-allow-origin', 'null');
    headers.set('access-control-allow-credentials', 'true');
    headers.set('access-control-expose-headers', 'x-secret');
  }
  if (h.immutable && h.status === 302) return Response.redirect(SITE, 302);
  return new Response(h.status === 204 ? null : 'body', { status: h.status, headers });
}

const varies = (response: Response) =>
  (response.headers.get('vary') ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .some((t) => t === 'origin' || t === '*');

const RUNS = { numRuns: 400 };

describe('invariants over random configurations and requests', () => {
  it('hold for every wrapped request', async () => {
    await fc.assert(
      fc.asyncProperty(configArb, requestArb, handlerArb, async (config, r, h) => {
        const { policy, isAllowed } = build(config);
        let calls = 0;
        const wrapped = policy.wrap((_req: Request) => {
          calls++;
          return h.async ? Promise.resolve(handlerResponse(h)) : handlerResponse(h);
        });
        const req = toRequest(r);
        const origin = req.headers.get('origin');
        const isPreflight = req.method === 'OPTIONS' && origin !== null && req.headers.has('access-control-request-method');

        // No input makes the wrapper throw when the handler does not.
        const response = (await wrapped(req)) as Response;
        expect(response).toBeInstanceOf(Response);

        const acao = response.headers.get('access-control-allow-origin');
        const acac = response.headers.get('access-control-allow-credentials');

        // Write protection (on by default with credentials) refuses a write from an origin
        // that may not read, unless it is the request's own (SITE's host): these requests
        // carry no Sec-Fetch-Site, like a browser without Fetch Metadata.
        const isWrite = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
        const refusedWrite =
          config.credentials && config.shape.kind !== 'any' && isWrite && (origin === null ? false : !isAllowed(origin) && !origin.startsWith('https://api.myapp.es'));
        if (refusedWrite) {
          expect(calls).toBe(0);
          expect(response.status).toBe(403);
          expect([...response.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
          expect(response.headers.get('portcullis-refusal')).toMatch(/^cross-origin [A-Z]+ from .* refused: the origin is not allowed/);
          return;
        }
        // The handler is never called for a preflight, and always otherwise.
        expect(calls).toBe(isPreflight ? 0 : 1);

        // A disallowed origin never gets ACAO; an allowed one always does, except on a refused preflight.
        // Vary: Origin whenever ACAO depends on the origin, on every response, CORS or not.
        if (config.shape.kind !== 'any') expect(varies(response)).toBe(true);

        // Without Origin the response is the handler's own business (rule 1): nothing added,
        // but a '*' policy's constant answer.
        if (origin === null) {
          const ownCors = h.ownCors && !(h.immutable && h.status === 302); // a redirect has none
          expect(acao).toBe(config.shape.kind === 'any' ? '*' : ownCors ? 'null' : null);
          return;
        }

        if (acao !== null) {
          expect(isAllowed(origin)).toBe(true);
          expect(acao === '*' || acao === origin).toBe(true);
        }
        if (isAllowed(origin) && !isPreflight) expect(acao).not.toBeNull();
        if (!isAllowed(origin)) {
          expect([...response.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
        }

        // '*' never goes with credentials.
        if (acao === '*') expect(acac).toBeNull();
        if (acac !== null) expect(acac).toBe('true');
        if (!config.credentials) expect(acac).toBeNull();
        if (acao !== null && acao !== '*') expect(varies(response)).toBe(true);

        // Preflights: allowed ones are 2xx and empty, refused origins 403 with no CORS header,
        // refused methods and headers from allowed origins 2xx with the reason and no Max-Age.
        if (isPreflight) {
          expect(response.body).toBeNull();
          if (acao === null) {
            expect(response.status).toBe(403);
            expect([...response.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
          } else {
            expect(response.status).toBe(config.preflightStatus ?? 204);
            const acah = response.headers.get('access-control-allow-headers');
            if (config.credentials) {
              expect(response.headers.get('access-control-allow-methods')).not.toBe('*');
              expect(acah === null || !acah.split(',').some((t) => t.trim() === '*')).toBe(true);
            }
            const refused = response.headers.get('portcullis-refusal');
            if (refused !== null) {
              expect(response.headers.has('access-control-max-age')).toBe(false);
              // The refused name is never in the answer, and no wildcard could cover it.
              const acam = response.headers.get('access-control-allow-methods');
              if (/^method /.test(refused)) expect((acam ?? '').split(', ')).not.toContain(req.headers.get('access-control-request-method'));
              if (/^request header /.test(refused)) {
                const name = /'([^']+)'/.exec(refused)![1]!;
                expect((acah ?? '').split(', ')).not.toContain(name);
                expect((acah ?? '').split(', ')).not.toContain('*');
              }
            } else {
              expect(response.headers.get('access-control-max-age')).toBe(String(config.maxAge ?? 600));
            }
          }
        } else {
          // The handler's own CORS headers never survive beside ours.
          if (acao !== null && config.expose === undefined) expect(response.headers.get('access-control-expose-headers')).toBeNull();
        }
      }),
      RUNS,
    );
  });

  it('intercept() and apply() agree with wrap()', async () => {
    await fc.assert(
      fc.asyncProperty(configArb, requestArb, async (config, r) => {
        const { policy } = build(config);
        const viaWrap = (await policy.wrap(() => new Response('x'))(toRequest(r))) as Response;
        const request = toRequest(r);
        const early = (await policy.intercept(request)) as Response | undefined;
        const viaParts = early ?? ((await policy.apply(request, new Response('x'))) as Response);
        expect(viaParts.status).toBe(viaWrap.status);
        expect([...viaParts.headers]).toEqual([...viaWrap.headers]);
      }),
      RUNS,
    );
  });

  it('the low-level engine never throws and never allows a refused origin, even on raw header bytes', () => {
    const rawOrigin = fc.oneof(anyOrigin, fc.string({ unit: 'binary', maxLength: 64 }));
    fc.assert(
      fc.property(
        configArb.filter((c) => c.shape.kind !== 'function'),
        fc.constantFrom('GET', 'OPTIONS', 'POST'),
        fc.option(rawOrigin, { nil: null }),
        fc.option(fc.string({ unit: 'binary', maxLength: 12 }), { nil: null }),
        fc.option(fc.oneof(acrhArb, fc.string({ unit: 'binary', maxLength: 64 })), { nil: null }),
        (config, method, origin, acrm, acrh) => {
          const { options, isAllowed } = build(config);
          const engine = createCorsEngine(options);
          const request = new Request(SITE, { method });
          const d = (method === 'OPTIONS' && origin !== null && acrm !== null
            ? engine.decidePreflight(origin, acrm, acrh ?? null, request)
            : engine.decideActual(origin, request)) as Exclude<ReturnType<typeof engine.decideActual | typeof engine.decidePreflight>, Promise<unknown>>;
          if (d.kind === 'not-cors') expect(origin).toBeNull();
          else if (d.allowed) {
            if (origin !== null) expect(isAllowed(origin)).toBe(true);
            const names = d.headers.map(([n]) => n);
            expect(new Set(names).size).toBe(names.length);
            const acao = d.headers.find(([n]) => n === 'access-control-allow-origin')![1];
            if (acao === '*') expect(names).not.toContain('access-control-allow-credentials');
          } else {
            expect(d.refusal.code).toBeTypeOf('string');
            if (d.refusal.code !== 'write.cross-origin') expect(d.refusal.origin).toBe(origin);
          }
        },
      ),
      RUNS,
    );
  });
});
