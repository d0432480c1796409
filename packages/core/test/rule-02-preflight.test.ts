// Rule 2: a preflight is OPTIONS + Origin + Access-Control-Request-Method. It is answered by the
// policy and never reaches the handler: allowed with preflightStatus and the CORS headers,
// refused with 403 and no Access-Control-* header at all.
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

const refused: { rule: string; options: CorsOptions; origin: string; acrm: string; acrh?: string }[] = [
  { rule: 'origin not allowed', options: { origin: APP }, origin: 'https://evil.io', acrm: 'PUT' },
  { rule: "origin 'null'", options: { origin: [APP, 'https://*.myapp.es'] }, origin: 'null', acrm: 'PUT' },
  { rule: 'method not allowed', options: { origin: APP, allowMethods: ['PUT'] }, origin: APP, acrm: 'DELETE' },
  { rule: 'one requested header not allowed', options: { origin: APP }, origin: APP, acrm: 'PUT', acrh: 'content-type,x-secret' },
  { rule: "authorization under allowHeaders '*'", options: { origin: '*', allowHeaders: '*' }, origin: APP, acrm: 'GET', acrh: 'authorization' },
  { rule: 'refused with credentials on too', options: { origin: APP, credentials: true }, origin: 'https://evil.io', acrm: 'PUT' },
];

describe('rule 2: a refused preflight', () => {
  it.each(refused)('answers 403 with no Access-Control-* header and never calls the handler ($rule)', async (row) => {
    const { handler, calls } = recordingHandler();
    const response = (await cors(row.options).wrap(handler)(preflightRequest(row.origin, row.acrm, row.acrh))) as Response;
    expect(calls).toHaveLength(0);
    expect(response.status).toBe(403);
    expect(corsHeaders(response)).toEqual([]);
    // A header says why, for the developer reading the network tab; the body stays empty.
    expect(response.headers.get('portcullis-refusal')).toMatch(/not allowed/);
    expect(await response.text()).toBe('');
  });
});
