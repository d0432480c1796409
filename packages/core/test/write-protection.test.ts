// Cross-origin write protection (protectWrites): CORS decides who may read; this decides who
// may write. The rule of Go's net/http.CrossOriginProtection, with Fetch Metadata
// (https://w3c.github.io/webappsec-fetch-metadata/#sec-fetch-site-header): a form POST or a
// no-cors fetch from a site the policy does not allow never reaches the handler.
import { describe, expect, it } from 'vitest';
import { cors, type CorsOptions, type CorsRefusalEvent } from '../src/index.js';
import { corsHeaders, recordingHandler } from './helpers.js';

const API = 'https://api.myapp.es/items';
const APP = 'https://myapp.es';
const EVIL = 'https://evil.example';
const protectedPolicy = { origin: [APP, 'https://*.myapp.es'], credentials: true } satisfies CorsOptions;

function send(method: string, headers: Record<string, string>, url = API): Request {
  return new Request(url, { method, headers });
}

const rows: { rule: string; method: string; headers: Record<string, string>; url?: string; reaches: boolean; reason?: string }[] = [
  // 1. Safe methods never change state, so they pass.
  { rule: 'GET from another site passes', method: 'GET', headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' }, reaches: true },
  { rule: 'HEAD from another site passes', method: 'HEAD', headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' }, reaches: true },
  { rule: 'OPTIONS without ACRM from another site passes', method: 'OPTIONS', headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' }, reaches: true },
  // 2. An allowed origin may write.
  { rule: 'POST from an allowed origin, cross-site', method: 'POST', headers: { origin: 'https://admin.myapp.es', 'sec-fetch-site': 'same-site' }, reaches: true },
  { rule: 'DELETE from an allowed origin without Fetch Metadata', method: 'DELETE', headers: { origin: APP }, reaches: true },
  // 3. Sec-Fetch-Site: same-origin or none passes; anything else is refused.
  { rule: 'POST same-origin (the API serves its own page)', method: 'POST', headers: { origin: 'https://api.myapp.es', 'sec-fetch-site': 'same-origin' }, reaches: true },
  { rule: 'POST the user started themselves (none)', method: 'POST', headers: { 'sec-fetch-site': 'none' }, reaches: true },
  {
    rule: 'a form POST from another site',
    method: 'POST',
    headers: { origin: EVIL, 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' },
    reaches: false,
    reason: 'cross-site POST from https://evil.example refused: the origin is not allowed',
  },
  { rule: 'a PUT from a same-site origin not allowed', method: 'PUT', headers: { origin: 'https://blog.other.es', 'sec-fetch-site': 'same-site' }, reaches: false, reason: 'same-site PUT from https://blog.other.es refused: the origin is not allowed' },
  { rule: "a no-cors POST from a sandboxed page (Origin: null)", method: 'POST', headers: { origin: 'null', 'sec-fetch-site': 'cross-site' }, reaches: false, reason: "cross-site POST from null refused: the origin is not allowed" },
  { rule: 'an unknown Sec-Fetch-Site value is refused', method: 'PATCH', headers: { origin: EVIL, 'sec-fetch-site': 'cross-origin-ish' }, reaches: false },
  { rule: 'Sec-Fetch-Site without Origin is still judged', method: 'POST', headers: { 'sec-fetch-site': 'cross-site' }, reaches: false, reason: 'cross-site POST without Origin refused: it names no allowed origin' },
  // 4. Neither header: not a browser.
  { rule: 'curl, a server, a test: no Origin, no Sec-Fetch-Site', method: 'POST', headers: {}, reaches: true },
  // 5. Only Origin (browsers without Fetch Metadata): compared with the request's host.
  { rule: 'Origin equal to the request host passes', method: 'POST', headers: { origin: 'https://api.myapp.es' }, reaches: true },
  { rule: 'the port is part of the host', method: 'POST', headers: { origin: 'http://127.0.0.1:8787' }, url: 'http://127.0.0.1:8787/x', reaches: true },
  { rule: 'another port is another origin', method: 'POST', headers: { origin: 'http://127.0.0.1:5173' }, url: 'http://127.0.0.1:8787/x', reaches: false },
  {
    rule: 'Origin of another host is refused',
    method: 'POST',
    headers: { origin: EVIL },
    reaches: false,
    reason: "cross-origin POST from https://evil.example refused: the origin is not allowed, and it is not the request's host api.myapp.es",
  },
];

describe('protectWrites: the rule, row by row', () => {
  it.each(rows)('$rule', async ({ method, headers, url, reaches, reason }) => {
    const { handler, calls } = recordingHandler();
    const response = (await cors(protectedPolicy).wrap(handler)(send(method, headers, url))) as Response;
    expect(calls).toHaveLength(reaches ? 1 : 0);
    if (reaches) return;
    expect(response.status).toBe(403);
    expect(response.body).toBeNull();
    expect(corsHeaders(response)).toEqual([]);
    expect(response.headers.get('vary')).toBe('Origin');
    if (reason !== undefined) expect(response.headers.get('portcullis-refusal')).toBe(reason);
  });
});

describe('protectWrites: when it applies', () => {
  const formPost = () => send('POST', { origin: EVIL, 'sec-fetch-site': 'cross-site' });

  it.each([
    { rule: 'on by default with credentials', options: { origin: APP, credentials: true }, refused: true },
    { rule: 'off by default without credentials', options: { origin: APP }, refused: false },
    { rule: 'on when asked without credentials', options: { origin: APP, protectWrites: true }, refused: true },
    { rule: 'off when asked with credentials', options: { origin: APP, credentials: true, protectWrites: false }, refused: false },
    { rule: "never with origin '*' (every origin is trusted)", options: { origin: '*' }, refused: false },
    { rule: 'an async origin function is consulted as for CORS', options: { origin: async (o: string) => o === APP, protectWrites: true }, refused: true },
  ] satisfies { rule: string; options: CorsOptions; refused: boolean }[])('$rule', async ({ options, refused }) => {
    const { handler, calls } = recordingHandler();
    const response = (await cors(options).wrap(handler)(formPost())) as Response;
    expect(calls).toHaveLength(refused ? 0 : 1);
    expect(response.status).toBe(refused ? 403 : 200);
  });

  it('explainRefusals: false refuses with a bare 403', async () => {
    const response = (await cors({ ...protectedPolicy, explainRefusals: false }).wrap(() => new Response('x'))(formPost())) as Response;
    expect(response.status).toBe(403);
    expect(response.headers.has('portcullis-refusal')).toBe(false);
  });

  it('intercept() refuses the write before any handler; apply() alone, after one, never does', async () => {
    const policy = cors(protectedPolicy);
    const refusal = (await policy.intercept(formPost())) as Response;
    expect(refusal.status).toBe(403);
    const events: CorsRefusalEvent[] = [];
    const late = cors({ ...protectedPolicy, onRefusal: (e) => events.push(e) });
    const decorated = (await late.apply(formPost(), new Response('done'))) as Response;
    expect(decorated.status).toBe(200);
    expect(corsHeaders(decorated)).toEqual([]);
    expect(events.map((e) => e.kind)).toEqual(['actual']);
  });

  it('the origin function runs once for intercept() and apply() together', async () => {
    let calls = 0;
    const policy = cors({ origin: (o) => (calls++, o === APP), credentials: true });
    const request = send('POST', { origin: APP, 'sec-fetch-site': 'same-site' });
    expect(policy.intercept(request)).toBeUndefined();
    const response = policy.apply(request, new Response('x')) as Response;
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(calls).toBe(1);
  });

  it('reports each refused write to onRefusal as its own kind', () => {
    const events: CorsRefusalEvent[] = [];
    cors({ ...protectedPolicy, onRefusal: (e) => events.push(e) }).wrap(() => new Response())(formPost());
    expect(events).toMatchObject([
      {
        kind: 'write',
        code: 'write.cross-origin',
        origin: EVIL,
        method: 'POST',
        refusal: { secFetchSite: 'cross-site', host: null },
        message: 'cross-site POST from https://evil.example refused: the origin is not allowed',
      },
    ]);
  });
});
