import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import portcullis, { type PortcullisFastifyOptions } from '../src/index.js';
import { corsHeaders, EVIL, MYAPP, track } from './helpers.js';

// Cross-origin write protection (protectWrites, on by default with credentials): a form POST
// or a no-cors fetch from a site the policy does not allow never reaches Fastify's body
// parsers, validation or the handler. Decided in onRequest, on the raw headers.

interface Calls {
  parsed: string[];
  validated: number;
  handled: number;
}

async function protectedApp(options: PortcullisFastifyOptions = { origin: MYAPP, credentials: true }): Promise<{ app: FastifyInstance; calls: Calls }> {
  const calls: Calls = { parsed: [], validated: 0, handled: 0 };
  const app = track(Fastify());
  await app.register(portcullis, options);
  // Parsers and a validator that record each use, to prove which never ran.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    calls.parsed.push('form');
    done(null, { form: body });
  });
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
    calls.parsed.push('text');
    done(null, body);
  });
  app.setValidatorCompiler(() => (data) => {
    calls.validated++;
    return typeof data === 'object' && data !== null && 'name' in data ? { value: data } : { error: new Error('name is required') };
  });
  const handler = async () => {
    calls.handled++;
    return { changed: true };
  };
  app.post('/transfer', handler);
  app.post('/items', { schema: { body: { type: 'object', required: ['name'] } } }, handler);
  app.delete('/items/:id', handler);
  app.get('/items', handler);
  await app.ready();
  return { app, calls };
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const TEXT = { 'content-type': 'text/plain' };
const JSON_BODY = { 'content-type': 'application/json' };
const CROSS_SITE = { origin: EVIL, 'sec-fetch-site': 'cross-site' };

describe('a write from a disallowed origin is refused before anything runs', () => {
  const rows: { rule: string; url: string; method: 'POST' | 'DELETE'; headers: Record<string, string>; payload?: string; reason: string }[] = [
    {
      rule: 'a form POST (application/x-www-form-urlencoded)',
      url: '/transfer',
      method: 'POST',
      headers: { ...CROSS_SITE, ...FORM },
      payload: 'to=mallory&amount=1000',
      reason: 'cross-site POST from https://evil.example refused: the origin is not allowed',
    },
    { rule: 'a text/plain POST (no preflight needed)', url: '/transfer', method: 'POST', headers: { ...CROSS_SITE, ...TEXT }, payload: 'hello', reason: 'cross-site POST from https://evil.example refused: the origin is not allowed' },
    { rule: 'a JSON POST to a route with a schema: validation never runs', url: '/items', method: 'POST', headers: { ...CROSS_SITE, ...JSON_BODY }, payload: '{}', reason: 'cross-site POST from https://evil.example refused: the origin is not allowed' },
    { rule: 'a DELETE without a body', url: '/items/1', method: 'DELETE', headers: CROSS_SITE, reason: 'cross-site DELETE from https://evil.example refused: the origin is not allowed' },
    {
      rule: 'without Fetch Metadata, an Origin that is not the request host',
      url: '/transfer',
      method: 'POST',
      headers: { origin: EVIL, host: 'api.myapp.es', ...FORM },
      payload: 'a=1',
      reason: "cross-origin POST from https://evil.example refused: the origin is not allowed, and it is not the request's host api.myapp.es",
    },
  ];

  test.each(rows)('$rule', async ({ url, method, headers, payload, reason }) => {
    const { app, calls } = await protectedApp();
    const response = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
    expect(response.statusCode).toBe(403);
    expect(response.body).toBe('');
    expect(corsHeaders(response)).toEqual({ 'portcullis-refusal': reason });
    expect(response.headers.vary).toBe('Origin');
    expect(calls).toEqual({ parsed: [], validated: 0, handled: 0 });
  });
});

describe('writes that must pass, pass (and are parsed, validated and handled as usual)', () => {
  const rows: { rule: string; options?: PortcullisFastifyOptions; method: 'POST' | 'GET'; url: string; headers: Record<string, string>; payload?: string; status: number; parsed: string[] }[] = [
    { rule: 'an allowed origin, cross-site', method: 'POST', url: '/transfer', headers: { origin: MYAPP, 'sec-fetch-site': 'cross-site', ...FORM }, payload: 'a=1', status: 200, parsed: ['form'] },
    { rule: 'same-origin (Sec-Fetch-Site: same-origin)', method: 'POST', url: '/transfer', headers: { origin: 'http://localhost', 'sec-fetch-site': 'same-origin', ...TEXT }, payload: 'x', status: 200, parsed: ['text'] },
    { rule: 'the user’s own navigation (Sec-Fetch-Site: none)', method: 'POST', url: '/transfer', headers: { 'sec-fetch-site': 'none', ...FORM }, payload: 'a=1', status: 200, parsed: ['form'] },
    { rule: 'no browser: neither Origin nor Sec-Fetch-Site', method: 'POST', url: '/transfer', headers: TEXT, payload: 'x', status: 200, parsed: ['text'] },
    { rule: 'an old browser whose Origin is the request host', method: 'POST', url: '/transfer', headers: { origin: 'http://api.myapp.es', host: 'api.myapp.es', ...TEXT }, payload: 'x', status: 200, parsed: ['text'] },
    { rule: 'a safe method from another site', method: 'GET', url: '/items', headers: CROSS_SITE, status: 200, parsed: [] },
    {
      rule: 'without credentials, protection is off by default',
      options: { origin: MYAPP },
      method: 'POST',
      url: '/transfer',
      headers: { ...CROSS_SITE, ...FORM },
      payload: 'a=1',
      status: 200,
      parsed: ['form'],
    },
    {
      rule: 'protectWrites: false turns it off with credentials',
      options: { origin: MYAPP, credentials: true, protectWrites: false },
      method: 'POST',
      url: '/transfer',
      headers: { ...CROSS_SITE, ...FORM },
      payload: 'a=1',
      status: 200,
      parsed: ['form'],
    },
  ];

  test.each(rows)('$rule', async ({ options, method, url, headers, payload, status, parsed }) => {
    const { app, calls } = await protectedApp(options);
    const response = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
    expect(response.statusCode).toBe(status);
    expect(calls.parsed).toEqual(parsed);
    expect(calls.handled).toBe(1);
  });

  test('a JSON POST from an allowed origin is validated as usual', async () => {
    const { app, calls } = await protectedApp();
    const response = await app.inject({ method: 'POST', url: '/items', headers: { origin: MYAPP, 'sec-fetch-site': 'cross-site', ...JSON_BODY }, payload: '{}' });
    expect(response.statusCode).toBe(400);
    expect(calls.validated).toBe(1);
    expect(response.headers['access-control-allow-origin']).toBe(MYAPP);
  });
});

describe('on a real socket, the form POST a hostile page sends', () => {
  let app: FastifyInstance;
  let calls: Calls;
  let base = '';
  beforeAll(async () => {
    ({ app, calls } = await protectedApp());
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
  });

  test('is refused with 403 and never parsed; the same POST from the app passes', async () => {
    const body = new URLSearchParams({ to: 'mallory', amount: '1000' });
    const refused = await fetch(`${base}/transfer`, { method: 'POST', headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' }, body });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('portcullis-refusal')).toBe('cross-site POST from https://evil.example refused: the origin is not allowed');
    expect(await refused.text()).toBe('');
    expect(calls).toEqual({ parsed: [], validated: 0, handled: 0 });
    const allowed = await fetch(`${base}/transfer`, { method: 'POST', headers: { origin: MYAPP, 'sec-fetch-site': 'same-site' }, body });
    expect(allowed.status).toBe(200);
    expect(calls.parsed).toEqual(['form']);
  });
});
