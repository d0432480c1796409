// Rule 4: an actual request from an allowed origin reaches the handler; its response gets ACAO
// (the origin, or '*'), ACAC with credentials, ACEH when configured, and Vary: Origin merged into
// the handler's own Vary. CORS headers the handler set itself are replaced, never duplicated.
import { describe, expect, it } from 'vitest';
import { cors, type CorsOptions } from '../src/index.js';
import { corsHeaders, recordingHandler, request, varyTokens } from './helpers.js';

const APP = 'https://myapp.es';

const cases: { rule: string; options: CorsOptions; method?: string; headers: Record<string, string>; vary: string[] }[] = [
  { rule: 'exact origin: ACAO reflects it', options: { origin: APP }, headers: { 'access-control-allow-origin': APP }, vary: ['origin'] },
  { rule: "origin '*': literal '*' and no Vary", options: { origin: '*' }, headers: { 'access-control-allow-origin': '*' }, vary: [] },
  {
    rule: 'credentials: ACAC true',
    options: { origin: [APP], credentials: true },
    method: 'POST',
    headers: { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' },
    vary: ['origin'],
  },
  {
    rule: 'exposeHeaders: ACEH lists them',
    options: { origin: APP, exposeHeaders: ['x-request-id', 'X-Total-Count'] },
    method: 'DELETE',
    headers: { 'access-control-allow-origin': APP, 'access-control-expose-headers': 'x-request-id, x-total-count' },
    vary: ['origin'],
  },
  {
    rule: "exposeHeaders '*' without credentials: literal '*'",
    options: { origin: '*', exposeHeaders: '*' },
    headers: { 'access-control-allow-origin': '*', 'access-control-expose-headers': '*' },
    vary: [],
  },
  {
    rule: 'origin function allowing',
    options: { origin: (o) => o.endsWith('.myapp.es') || o === APP, credentials: true },
    method: 'PUT',
    headers: { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' },
    vary: ['origin'],
  },
];

describe('rule 4: actual request from an allowed origin', () => {
  it.each(cases)('$rule', async ({ options, method = 'GET', headers, vary }) => {
    const { handler, calls } = recordingHandler({ status: 201, headers: { 'x-request-id': '7' } });
    const response = (await cors(options).wrap(handler)(request({ method, origin: APP }))) as Response;
    expect(calls).toHaveLength(1);
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('handler');
    expect(Object.fromEntries(corsHeaders(response))).toEqual(headers);
    expect(varyTokens(response)).toEqual(vary);
  });

  it.each([
    { rule: 'no Vary yet', vary: undefined, expected: ['origin'] },
    { rule: 'another token', vary: 'Accept-Encoding', expected: ['accept-encoding', 'origin'] },
    { rule: 'Origin already present, other case', vary: 'accept, ORIGIN', expected: ['accept', 'origin'] },
    { rule: 'Origin with OWS around it', vary: 'accept ,\tOrigin\t, cookie', expected: ['accept', 'origin', 'cookie'] },
    { rule: "'*' already covers Origin", vary: '*', expected: ['*'] },
    { rule: 'a token that merely contains origin', vary: 'x-origin', expected: ['x-origin', 'origin'] },
  ])("merges Vary with the handler's: $rule", async ({ vary, expected }) => {
    const init = vary === undefined ? {} : { headers: { vary } };
    const response = (await cors({ origin: APP }).wrap(() => new Response('x', init))(request({ origin: APP }))) as Response;
    expect(varyTokens(response)).toEqual(expected);
  });

  it.each([
    {
      rule: 'credentials on: handler values replaced by ours',
      options: { origin: APP, credentials: true, exposeHeaders: ['x-a'] } satisfies CorsOptions,
      expected: { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true', 'access-control-expose-headers': 'x-a' },
    },
    {
      rule: "origin '*': the handler's ACAC must not sit beside '*' (it would never pass, and it contradicts the policy)",
      options: { origin: '*' } satisfies CorsOptions,
      expected: { 'access-control-allow-origin': '*' },
    },
    {
      rule: 'no exposeHeaders configured: the handler cannot widen what the policy exposes',
      options: { origin: APP } satisfies CorsOptions,
      expected: { 'access-control-allow-origin': APP },
    },
  ])("replaces the handler's own CORS headers, never duplicates them: $rule", async ({ options, expected }) => {
    const handler = () => {
      const h = new Headers();
      h.append('access-control-allow-origin', 'https://other.es');
      h.append('access-control-allow-origin', '*');
      h.set('access-control-allow-credentials', 'true');
      h.set('access-control-expose-headers', 'x-secret');
      return new Response('x', { headers: h });
    };
    const response = (await cors(options).wrap(handler)(request({ origin: APP }))) as Response;
    expect(Object.fromEntries(corsHeaders(response))).toEqual(expected);
  });

  it('decorates error responses too, so the browser shows the real error, not a CORS error (https://fetch.spec.whatwg.org/#cors-check)', async () => {
    const wrapped = cors({ origin: APP }).wrap(() => new Response('not found', { status: 404 }));
    const response = (await wrapped(request({ origin: APP }))) as Response;
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('changes a mutable response in place', async () => {
    const original = new Response('x');
    const result = await cors({ origin: APP }).apply(request({ origin: APP }), original);
    expect(result).toBe(original);
    expect(original.headers.get('access-control-allow-origin')).toBe(APP);
  });
});
