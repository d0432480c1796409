// Rule 2: a preflight is OPTIONS + Origin + Access-Control-Request-Method. It is answered by the
// policy and never reaches the handler: allowed with preflightStatus and the CORS headers; from
// a refused origin with 403 and no Access-Control-* header at all; from an allowed origin whose
// method or headers are refused, with an answer that still fails the browser's CORS-preflight
// fetch (https://fetch.spec.whatwg.org/#cors-preflight-fetch) but lets its console name the
// refused method or header.
import { describe, expect, it } from 'vitest';
import { cors, type CorsOptions } from '../src/index.js';
import { corsHeaders, preflightRequest, recordingHandler, varyTokens } from './helpers.js';

const APP = 'https://myapp.es';

const allowed: {
  rule: string;
  options: CorsOptions;
  acrm: string;
  acrh?: string;
  status: number;
  headers: Record<string, string>;
}[] = [
  {
    rule: 'defaults: 204, the default methods, max-age 600, no ACAH when no header was requested',
    options: { origin: APP },
    acrm: 'PUT',
    status: 204,
    headers: {
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
      'access-control-max-age': '600',
    },
  },
  {
    rule: 'requested headers: ACAH lists the allowed ones',
    options: { origin: APP, allowHeaders: ['content-type', 'x-user'] },
    acrm: 'POST',
    acrh: 'content-type,x-user',
    status: 204,
    headers: {
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
      'access-control-allow-headers': 'content-type, x-user',
      'access-control-max-age': '600',
    },
  },
  {
    rule: 'credentials: ACAC true, and the configured preflightStatus and maxAge',
    options: { origin: [APP], credentials: true, allowMethods: ['PUT'], preflightStatus: 200, maxAge: 0 },
    acrm: 'PUT',
    status: 200,
    headers: {
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PUT',
      'access-control-max-age': '0',
    },
  },
  {
    rule: "origin '*': the literal '*'",
    options: { origin: '*', maxAge: 86400 },
    acrm: 'DELETE',
    acrh: 'content-type',
    status: 204,
    headers: {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '86400',
    },
  },
];

describe('rule 2: an allowed preflight', () => {
  it.each(allowed)('$rule', async ({ options, acrm, acrh, status, headers }) => {
    const { handler, calls } = recordingHandler();
    const response = (await cors(options).wrap(handler)(preflightRequest(APP, acrm, acrh))) as Response;
    expect(calls).toHaveLength(0);
    expect(response.status).toBe(status);
    expect(response.body).toBeNull();
    expect(Object.fromEntries(corsHeaders(response))).toEqual(headers);
    expect(varyTokens(response)).toContain('access-control-request-method');
    expect(varyTokens(response)).toContain('access-control-request-headers');
    if (options.origin !== '*') expect(varyTokens(response)).toContain('origin');
  });

  it.each(allowed)('preflight() gives the same answer as wrap() ($rule)', async ({ options, acrm, acrh }) => {
    const policy = cors(options);
    const req = () => preflightRequest(APP, acrm, acrh);
    const a = (await policy.preflight(req())) as Response;
    const b = (await policy.wrap(() => new Response('no'))(req())) as Response;
    expect(a.status).toBe(b.status);
    expect([...a.headers]).toEqual([...b.headers]);
  });
});

const refusedOrigins: { rule: string; options: CorsOptions; origin: string; acrm: string; acrh?: string; reason: string }[] = [
  { rule: 'origin not allowed', options: { origin: APP }, origin: 'https://evil.io', acrm: 'PUT', reason: 'origin https://evil.io is not allowed' },
  { rule: "origin 'null'", options: { origin: [APP, 'https://*.myapp.es'] }, origin: 'null', acrm: 'PUT', reason: "origin 'null' is never allowed (sandboxed iframes, data: and file: documents, cross-origin redirects)" },
  { rule: 'refused with credentials on too', options: { origin: APP, credentials: true }, origin: 'https://evil.io', acrm: 'PUT', reason: 'origin https://evil.io is not allowed' },
  { rule: 'the origin is checked before the method', options: { origin: APP, allowMethods: ['PUT'] }, origin: 'https://evil.io', acrm: 'PURGE', acrh: 'x-secret', reason: 'origin https://evil.io is not allowed' },
];

describe('rule 2: a preflight from a refused origin', () => {
  it.each(refusedOrigins)('answers 403 with no Access-Control-* header and never calls the handler ($rule)', async (row) => {
    const { handler, calls } = recordingHandler();
    const response = (await cors(row.options).wrap(handler)(preflightRequest(row.origin, row.acrm, row.acrh))) as Response;
    expect(calls).toHaveLength(0);
    expect(response.status).toBe(403);
    expect(corsHeaders(response)).toEqual([]);
    // A header says why, for the developer reading the network tab; the body stays empty.
    expect(response.headers.get('portcullis-refusal')).toBe(row.reason);
    expect(await response.text()).toBe('');
  });
});

const METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';

const explained: {
  rule: string;
  options: CorsOptions;
  acrm: string;
  acrh?: string;
  status: number;
  headers: Record<string, string>;
}[] = [
  {
    rule: 'a method not allowed: ACAM lists the allowed ones',
    options: { origin: APP, allowMethods: ['PUT'] },
    acrm: 'DELETE',
    status: 204,
    headers: {
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'PUT',
      'portcullis-refusal': "method 'DELETE' is not allowed (allowed: PUT)",
    },
  },
  {
    rule: "a lowercase 'patch' is not 'PATCH': methods are case-sensitive",
    options: { origin: APP },
    acrm: 'patch',
    status: 204,
    headers: {
      'access-control-allow-origin': APP,
      'access-control-allow-methods': METHODS,
      'portcullis-refusal': "method 'patch' is not allowed (allowed: GET, HEAD, POST, PUT, PATCH, DELETE)",
    },
  },
  {
    rule: 'one requested header not allowed: ACAH lists the allowed ones',
    options: { origin: APP },
    acrm: 'PUT',
    acrh: 'content-type,x-secret',
    status: 204,
    headers: {
      'access-control-allow-origin': APP,
      'access-control-allow-methods': METHODS,
      'access-control-allow-headers': 'content-type',
      'portcullis-refusal': "request header 'x-secret' is not allowed",
    },
  },
  {
    rule: 'with credentials and a preflightStatus: ACAC too, and that status',
    options: { origin: APP, credentials: true, allowHeaders: ['x-user'], preflightStatus: 200 },
    acrm: 'PUT',
    acrh: 'x-admin',
    status: 200,
    headers: {
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': METHODS,
      'access-control-allow-headers': 'x-user',
      'portcullis-refusal': "request header 'x-admin' is not allowed",
    },
  },
  {
    rule: "authorization under allowHeaders '*': no wildcard in the answer (browsers would let it cover authorization)",
    options: { origin: '*', allowHeaders: '*' },
    acrm: 'GET',
    acrh: 'authorization',
    status: 204,
    headers: {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': METHODS,
      'portcullis-refusal': "request header 'authorization' is not allowed: '*' never covers authorization",
    },
  },
  {
    rule: "authorization beside other headers under '*' with credentials: the others are listed",
    options: { origin: APP, credentials: true, allowHeaders: '*', allowMethods: '*' },
    acrm: 'PURGE',
    acrh: 'X-Trace, authorization,x-user',
    status: 204,
    headers: {
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PURGE',
      'access-control-allow-headers': 'x-trace, x-user',
      'portcullis-refusal': "request header 'authorization' is not allowed: '*' never covers authorization",
    },
  },
];

describe('rule 2: a refused method or header from an allowed origin is explained to the browser', () => {
  it.each(explained)('$rule', async ({ options, acrm, acrh, status, headers }) => {
    const { handler, calls } = recordingHandler();
    const response = (await cors(options).wrap(handler)(preflightRequest(APP, acrm, acrh))) as Response;
    expect(calls).toHaveLength(0);
    expect(response.status).toBe(status);
    expect(response.body).toBeNull();
    // No Max-Age: the refusal is not cached, so fixing the policy takes effect at once.
    expect(Object.fromEntries([...response.headers].filter(([n]) => n !== 'vary'))).toEqual(headers);
    expect(varyTokens(response)).toContain('access-control-request-headers');
  });

  it.each(explained)('explainRefusals: false answers a bare 403 instead ($rule)', async ({ options, acrm, acrh }) => {
    const response = (await cors({ ...options, explainRefusals: false }).preflight(preflightRequest(APP, acrm, acrh))) as Response;
    expect(response.status).toBe(403);
    expect(corsHeaders(response)).toEqual([]);
    expect(response.headers.get('portcullis-refusal')).toBeNull();
  });

  it.each(refusedOrigins)('explainRefusals: false drops the reason of a refused origin too ($rule)', async (row) => {
    const response = (await cors({ ...row.options, explainRefusals: false }).preflight(preflightRequest(row.origin, row.acrm, row.acrh))) as Response;
    expect(response.status).toBe(403);
    expect([...response.headers.keys()]).toEqual(['vary']);
  });
});
