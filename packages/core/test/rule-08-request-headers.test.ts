// Rule 8: Access-Control-Request-Headers parsing accepts what proxies and gateways produce
// (spaces, tabs, empty elements, mixed case, several header lines) and refuses malformed or
// oversized values, linearly and without regexes. And `allowHeaders: '*'` never covers
// `authorization`, which the standard lets no wildcard cover.
import { describe, expect, it } from 'vitest';
import {
  cors,
  describeRefusal,
  MAX_REQUEST_HEADERS_COUNT,
  MAX_REQUEST_HEADERS_LENGTH,
  type CorsOptions,
} from '../src/index.js';
import { corsHeaders, preflightRequest } from './helpers.js';

const APP = 'https://myapp.es';
const listed = { origin: APP, allowHeaders: ['content-type', 'x-user', 'x-trace'] } satisfies CorsOptions;

const parsing: { rule: string; acrh: string | string[]; allowed: boolean; reason?: string }[] = [
  { rule: 'the browser form: lowercase, sorted, no spaces', acrh: 'content-type,x-user', allowed: true },
  { rule: 'spaces after commas', acrh: 'content-type, x-user, x-trace', allowed: true },
  { rule: 'spaces and tabs around names', acrh: ' \tcontent-type \t,\tx-user ', allowed: true },
  { rule: 'empty elements', acrh: ',content-type,,, x-user,', allowed: true },
  { rule: 'only empty elements', acrh: ' , ,', allowed: true },
  { rule: 'mixed case', acrh: 'Content-Type,X-USER', allowed: true },
  { rule: 'several header lines, joined by the Headers API', acrh: ['content-type', 'x-user', 'X-Trace'], allowed: true },
  { rule: 'one unknown name among allowed ones', acrh: 'content-type,x-user,x-other', allowed: false, reason: 'header' },
  { rule: 'an unknown name on a second header line', acrh: ['content-type', 'x-other'], allowed: false, reason: 'header' },
  { rule: 'a name with a space inside', acrh: 'x user', allowed: false, reason: 'malformed-request-headers' },
  { rule: 'a separator other than a comma', acrh: 'content-type;x-user', allowed: false, reason: 'malformed-request-headers' },
  { rule: 'a colon (a header line pasted in)', acrh: 'x-user: 1', allowed: false, reason: 'malformed-request-headers' },
  { rule: 'non-ASCII', acrh: 'x-usér', allowed: false, reason: 'malformed-request-headers' },
  { rule: 'quotes', acrh: '"x-user"', allowed: false, reason: 'malformed-request-headers' },
  {
    rule: `over ${MAX_REQUEST_HEADERS_LENGTH} characters`,
    // Two allowed names: only the length is wrong.
    acrh: `content-type${' ,'.repeat(MAX_REQUEST_HEADERS_LENGTH / 2)}x-user`,
    allowed: false,
    reason: 'oversized-request-headers',
  },
  {
    rule: `over ${MAX_REQUEST_HEADERS_COUNT} names, all allowed`,
    acrh: Array(MAX_REQUEST_HEADERS_COUNT + 1).fill('x-user').join(','),
    allowed: false,
    reason: 'oversized-request-headers',
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
  { rule: 'a megabyte of commas is refused as oversized, not scanned', acrh: ','.repeat(1 << 20), allowed: false, reason: 'oversized-request-headers' },
];

describe('rule 8: parsing Access-Control-Request-Headers', () => {
  it.each(parsing)('$rule', ({ acrh, allowed, reason }) => {
    const policy = cors(listed);
    const response = policy.preflight(preflightRequest(APP, 'PUT', acrh)) as Response;
    expect(response.status).toBe(allowed ? 204 : 403);
    if (allowed) {
      expect(response.headers.get('access-control-allow-headers')).toBe('content-type, x-user, x-trace');
    } else {
      expect(corsHeaders(response)).toEqual([]);
      const joined = [acrh].flat().join(', ');
      const decision = policy.engine.decide('OPTIONS', APP, 'PUT', joined, undefined as never);
      expect(decision).toMatchObject({ kind: 'preflight', allowed: false, refusal: { reason } });
      if (decision.kind === 'preflight' && !decision.allowed) expect(describeRefusal(decision.refusal)).not.toBe('');
    }
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
    const decision = cors(longList).engine.decide('OPTIONS', APP, 'PUT', joined, undefined as never);
    expect(decision).toMatchObject(allowed ? { kind: 'preflight', allowed: true } : { kind: 'preflight', allowed: false, refusal: { reason } });
  });

  it('names the refused header in lowercase, whichever path matched it', () => {
    for (const options of [listed, longList]) {
      const decision = cors(options).engine.decide('OPTIONS', APP, 'PUT', 'X-User,X-Other', undefined as never);
      expect(decision).toMatchObject({ allowed: false, refusal: { reason: 'header', header: 'x-other' } });
    }
  });
});

const APP_REQ = (acrh: string) => preflightRequest(APP, 'PUT', acrh);
const wildcard: { rule: string; options: Omit<CorsOptions, 'origin'>; acrh: string; acah: string | null }[] = [
  { rule: "'*' without credentials: the literal '*'", options: { allowHeaders: '*' }, acrh: 'x-anything,content-type', acah: '*' },
  { rule: "'*' without credentials never covers authorization", options: { allowHeaders: '*' }, acrh: 'authorization', acah: null },
  { rule: "'*' does not cover Authorization in any case", options: { allowHeaders: ['*'] }, acrh: 'x-a,AUTHORIZATION', acah: null },
  { rule: "['*', 'authorization'] without credentials sends '*, authorization'", options: { allowHeaders: ['*', 'authorization'] }, acrh: 'authorization,x-a', acah: '*, authorization' },
  { rule: "'*' with credentials reflects the requested names", options: { allowHeaders: '*', credentials: true }, acrh: 'x-a,x-b', acah: 'x-a,x-b' },
  { rule: "'*' with credentials never covers authorization", options: { allowHeaders: '*', credentials: true }, acrh: 'authorization,x-a', acah: null },
  { rule: "['*', 'authorization'] with credentials reflects authorization too", options: { allowHeaders: ['*', 'authorization'], credentials: true }, acrh: 'authorization,x-a', acah: 'authorization,x-a' },
  { rule: 'authorization listed by name without a wildcard', options: { allowHeaders: ['authorization'], credentials: true }, acrh: 'authorization', acah: 'authorization' },
  { rule: 'the default allows content-type (JSON POSTs)', options: {}, acrh: 'content-type', acah: 'content-type' },
  { rule: 'the default allows nothing else', options: {}, acrh: 'x-user', acah: null },
];

describe("rule 8: allowHeaders '*' and authorization", () => {
  it.each(wildcard)('$rule', ({ options, acrh, acah }) => {
    const response = cors({ origin: APP, ...options }).preflight(APP_REQ(acrh)) as Response;
    expect(response.status).toBe(acah === null ? 403 : 204);
    expect(response.headers.get('access-control-allow-headers')).toBe(acah);
  });

  it('a refused header is named in the refusal, lowercased', () => {
    const decision = cors({ origin: APP, allowHeaders: '*' }).engine.decide('OPTIONS', APP, 'GET', 'x-a, Authorization', undefined as never);
    expect(decision).toMatchObject({ allowed: false, refusal: { reason: 'header', header: 'authorization' } });
  });
});
