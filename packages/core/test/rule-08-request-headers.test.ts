// Rule 8: Access-Control-Request-Headers parsing accepts what proxies and gateways produce
// (spaces, tabs, empty elements, mixed case, several header lines) and refuses malformed or
// oversized values, linearly and without regexes. And `allowHeaders: '*'` never covers
// `authorization`, which the standard lets no wildcard cover.
import { describe, expect, it } from 'vitest';
import { createCorsEngine, explainRefusal } from '../src/adapter.js';
import { MAX_REQUEST_HEADERS_COUNT, MAX_REQUEST_HEADERS_LENGTH } from '../src/protocol.js';
import { cors, type CorsOptions, type CorsRefusalCode } from '../src/index.js';
import { corsHeaders, preflightRequest } from './helpers.js';

const APP = 'https://myapp.es';
const listed = { origin: APP, allowHeaders: ['content-type', 'x-user', 'x-trace'] } satisfies CorsOptions;

const parsing: { rule: string; acrh: string | string[]; allowed: boolean; reason?: CorsRefusalCode }[] = [
  { rule: 'the browser form: lowercase, sorted, no spaces', acrh: 'content-type,x-user', allowed: true },
  { rule: 'spaces after commas', acrh: 'content-type, x-user, x-trace', allowed: true },
  { rule: 'spaces and tabs around names', acrh: ' \tcontent-type \t,\tx-user ', allowed: true },
  { rule: 'empty elements', acrh: ',content-type,,, x-user,', allowed: true },
  { rule: 'only empty elements', acrh: ' , ,', allowed: true },
  { rule: 'mixed case', acrh: 'Content-Type,X-USER', allowed: true },
  { rule: 'several header lines, joined by the Headers API', acrh: ['content-type', 'x-user', 'X-Trace'], allowed: true },
  { rule: 'one unknown name among allowed ones', acrh: 'content-type,x-user,x-other', allowed: false, reason: 'header.not-allowed' },
  { rule: 'an unknown name on a second header line', acrh: ['content-type', 'x-other'], allowed: false, reason: 'header.not-allowed' },
  { rule: 'a name with a space inside', acrh: 'x user', allowed: false, reason: 'request-headers.malformed' },
  { rule: 'a separator other than a comma', acrh: 'content-type;x-user', allowed: false, reason: 'request-headers.malformed' },
  { rule: 'a colon (a header line pasted in)', acrh: 'x-user: 1', allowed: false, reason: 'request-headers.malformed' },
  { rule: 'non-ASCII', acrh: 'x-usér', allowed: false, reason: 'request-headers.malformed' },
  { rule: 'quotes', acrh: '"x-user"', allowed: false, reason: 'request-headers.malformed' },
  {
    rule: `over ${MAX_REQUEST_HEADERS_LENGTH} characters`,
    // Two allowed names: only the length is wrong.
    acrh: `content-type${' ,'.repeat(MAX_REQUEST_HEADERS_LENGTH / 2)}x-user`,
    allowed: false,
    reason: 'request-headers.too-long',
  },
  {
    rule: `over ${MAX_REQUEST_HEADERS_COUNT} names, all allowed`,
    acrh: Array(MAX_REQUEST_HEADERS_COUNT + 1).fill('x-user').join(','),
    allowed: false,
    reason: 'request-headers.too-many',
  },
  {
    rule: `exactly ${MAX_REQUEST_HEADERS_COUNT} names is still fine`,
    acrh: Array(MAX_REQUEST_HEADERS_COUNT).fill('x-user').join(','),
    allowed: true,
  },
  {
    rule: `just under ${MAX_REQUEST_HEADERS_LENGTH} characters is still fine`,
    acrh: `content-type${' ,'.repeat(MAX_REQUEST_HEADERS_LENGTH / 2 - 10)}x-user`,
    allowed: true,
  },
  { rule: 'a megabyte of commas is refused as oversized, not scanned', acrh: ','.repeat(1 << 20), allowed: false, reason: 'request-headers.too-long' },
];

const REQUEST = new Request('https://api.myapp.es');

describe('rule 8: parsing Access-Control-Request-Headers', () => {
  it.each(parsing)('$rule', ({ acrh, allowed, reason }) => {
    const response = cors(listed).preflight(preflightRequest(APP, 'PUT', acrh)) as Response;
    // A refused name is explained to the browser (2xx, ACAH listing what is allowed); a list
    // no browser sends (malformed, oversized) gets a bare 403.
    expect(response.status).toBe(allowed || reason === 'header.not-allowed' ? 204 : 403);
    if (allowed || reason === 'header.not-allowed') {
      expect(response.headers.get('access-control-allow-headers')).toBe('content-type, x-user, x-trace');
    } else {
      expect(corsHeaders(response)).toEqual([]);
    }
    if (!allowed) {
      const joined = [acrh].flat().join(', ');
      const decision = createCorsEngine(listed).decidePreflight(APP, 'PUT', joined, REQUEST);
      expect(decision).toMatchObject({ kind: 'preflight', allowed: false, refusal: { code: reason, origin: APP } });
      if (!decision.allowed) expect(response.headers.get('portcullis-refusal')).toBe(explainRefusal(decision.refusal).message);
    }
  });

  it('says where a malformed list breaks, and which limit an oversized one passed, as numbers', () => {
    const engine = createCorsEngine(listed);
    expect(engine.decidePreflight(APP, 'PUT', 'x-user;x-admin', REQUEST)).toMatchObject({ refusal: { code: 'request-headers.malformed', position: 6 } });
    expect(engine.decidePreflight(APP, 'PUT', 'x-user,'.repeat(600), REQUEST)).toMatchObject({
      refusal: { code: 'request-headers.too-long', length: 4200, limit: MAX_REQUEST_HEADERS_LENGTH },
    });
    expect(engine.decidePreflight(APP, 'PUT', 'x-user,'.repeat(101), REQUEST)).toMatchObject({
      refusal: { code: 'request-headers.too-many', limit: MAX_REQUEST_HEADERS_COUNT },
    });
  });
});

// Short allow-lists are compared in place and long ones through a Set: both must read the same.
const longList = {
  origin: APP,
  allowHeaders: ['content-type', 'x-user', 'x-trace', ...Array.from({ length: 10 }, (_, i) => `x-filler-${i}`)],
} satisfies CorsOptions;

describe('rule 8: the same parsing with a long allow-list', () => {
  it.each(parsing)('$rule', ({ acrh, allowed, reason }) => {
    const joined = [acrh].flat().join(', ');
    const decision = createCorsEngine(longList).decidePreflight(APP, 'PUT', joined, REQUEST);
    expect(decision).toMatchObject(allowed ? { kind: 'preflight', allowed: true } : { kind: 'preflight', allowed: false, refusal: { code: reason } });
  });

  it('names the refused header in lowercase, whichever path matched it', () => {
    for (const options of [listed, longList]) {
      const decision = createCorsEngine(options).decidePreflight(APP, 'PUT', 'X-User,X-Other', REQUEST);
      expect(decision).toMatchObject({ allowed: false, refusal: { code: 'header.not-allowed', header: 'x-other', allowed: options.allowHeaders } });
    }
  });
});

const APP_REQ = (acrh: string) => preflightRequest(APP, 'PUT', acrh);
/**
 * `refused`: the code, when the preflight is refused; its answer then lists the allowed names
 * (under a wildcard, the requested ones but the refused `authorization`).
 */
const wildcard: { rule: string; options: Omit<CorsOptions, 'origin'>; acrh: string; acah: string | null; refused?: CorsRefusalCode }[] = [
  { rule: "'*' without credentials: the literal '*'", options: { allowHeaders: '*' }, acrh: 'x-anything,content-type', acah: '*' },
  { rule: "'*' without credentials never covers authorization", options: { allowHeaders: '*' }, acrh: 'authorization', acah: null, refused: 'header.authorization-not-covered' },
  { rule: "'*' does not cover Authorization in any case", options: { allowHeaders: ['*'] }, acrh: 'x-a,AUTHORIZATION', acah: 'x-a', refused: 'header.authorization-not-covered' },
  { rule: "['*', 'authorization'] without credentials sends '*, authorization'", options: { allowHeaders: ['*', 'authorization'] }, acrh: 'authorization,x-a', acah: '*, authorization' },
  { rule: "'*' with credentials reflects the requested names", options: { allowHeaders: '*', credentials: true }, acrh: 'x-a,x-b', acah: 'x-a,x-b' },
  { rule: "'*' with credentials never covers authorization", options: { allowHeaders: '*', credentials: true }, acrh: 'authorization,x-a', acah: 'x-a', refused: 'header.authorization-not-covered' },
  { rule: "['*', 'authorization'] with credentials reflects authorization too", options: { allowHeaders: ['*', 'authorization'], credentials: true }, acrh: 'authorization,x-a', acah: 'authorization,x-a' },
  { rule: 'authorization listed by name without a wildcard', options: { allowHeaders: ['authorization'], credentials: true }, acrh: 'authorization', acah: 'authorization' },
  { rule: 'the default allows content-type (JSON POSTs)', options: {}, acrh: 'content-type', acah: 'content-type' },
  { rule: 'the default allows nothing else', options: {}, acrh: 'x-user', acah: 'content-type', refused: 'header.not-allowed' },
];

describe("rule 8: allowHeaders '*' and authorization", () => {
  it.each(wildcard)('$rule', ({ options, acrh, acah, refused }) => {
    const response = cors({ origin: APP, ...options }).preflight(APP_REQ(acrh)) as Response;
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')).toBe(acah);
    expect(response.headers.has('portcullis-refusal')).toBe(refused !== undefined);
    if (refused !== undefined) {
      expect(createCorsEngine({ origin: APP, ...options }).decidePreflight(APP, 'PUT', acrh, REQUEST)).toMatchObject({ refusal: { code: refused } });
    }
  });

  it('a refused header is named in the refusal, lowercased', () => {
    const decision = createCorsEngine({ origin: APP, allowHeaders: '*' }).decidePreflight(APP, 'GET', 'x-a, Authorization', REQUEST);
    expect(decision).toMatchObject({ allowed: false, refusal: { code: 'header.authorization-not-covered', header: 'authorization' } });
  });
});
