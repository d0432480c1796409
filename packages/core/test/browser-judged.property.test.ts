// Random policies meet random cross-origin fetch() calls, and an independent model of the
// browser (@portcullis/browser-model, which shares no code with core) judges every answer:
// the browser allows exactly what the policy allows, in each engine, and when it refuses a
// method or header from an allowed origin, its verdict names that method or header.
import { simulateFetch, type Engine, type HttpResponse, type OutgoingRequest } from '@portcullis/browser-model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cors, type CorsOptions } from '../src/index.js';

const API = 'https://api.myapp.es/items';
const ORIGINS = ['https://myapp.es', 'https://app.myapp.es', 'https://evil.example', 'https://myapp.es.evil.example', 'null'];
const LISTED = ['https://myapp.es', 'https://*.myapp.es'];
/** The policy's side, written independently of the matcher: which pages the list allows. */
const listAllows = (origin: string) => origin === 'https://myapp.es' || /^https:\/\/[a-z0-9-]+\.myapp\.es$/.test(origin);

const HEADERS: Record<string, readonly [string, string]> = {
  json: ['content-type', 'application/json'],
  text: ['content-type', 'text/plain'],
  user: ['x-user', '1'],
  trace: ['X-Trace', 'abc'],
  auth: ['authorization', 'Bearer token'],
};

const configArb = fc
  .record({
    any: fc.boolean(),
    credentials: fc.boolean(),
    allowMethods: fc.oneof(fc.constant(undefined), fc.constant('*' as const), fc.subarray(['PUT', 'PATCH', 'DELETE', 'patch', 'PURGE'])),
    allowHeaders: fc.oneof(fc.constant(undefined), fc.constant('*' as const), fc.constant(['*', 'authorization']), fc.subarray(['content-type', 'x-user', 'authorization'])),
    explain: fc.boolean(),
  })
  .map((c) => ({ ...c, credentials: c.any ? false : c.credentials }));

const callArb = fc.record({
  origin: fc.constantFrom(...ORIGINS),
  method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'patch', 'DELETE', 'PURGE'),
  headers: fc.subarray(Object.keys(HEADERS)),
  credentials: fc.constantFrom('omit', 'include') as fc.Arbitrary<'omit' | 'include'>,
  engine: fc.constantFrom('chromium', 'firefox', 'standard') as fc.Arbitrary<Engine>,
});

type Config = typeof configArb extends fc.Arbitrary<infer T> ? T : never;
type Call = typeof callArb extends fc.Arbitrary<infer T> ? T : never;

function optionsOf(c: Config): CorsOptions {
  const options: CorsOptions = { origin: c.any ? '*' : LISTED, credentials: c.credentials, explainRefusals: c.explain };
  if (c.allowMethods !== undefined) options.allowMethods = c.allowMethods;
  if (c.allowHeaders !== undefined) options.allowHeaders = c.allowHeaders;
  return options;
}

const NORMALIZED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/** What the policy means to allow, from its options alone. */
function policyAllows(c: Config, call: Call): { allowed: boolean; refused?: 'method' | 'header' } {
  // A credentialed call needs a policy with credentials (ACAC: true); '*' never has them.
  if (call.credentials === 'include' && !c.credentials) return { allowed: false };
  if (!c.any && !listAllows(call.origin)) return { allowed: false };
  const method = NORMALIZED.has(call.method.toUpperCase()) ? call.method.toUpperCase() : call.method;
  const listedMethods = c.allowMethods === undefined ? ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] : c.allowMethods === '*' ? [] : c.allowMethods.map((m) => (NORMALIZED.has(m.toUpperCase()) ? m.toUpperCase() : m));
  const methodOk = ['GET', 'HEAD', 'POST'].includes(method) || c.allowMethods === '*' || listedMethods.includes(method);
  if (!methodOk) return { allowed: false, refused: 'method' };
  const allowHeaders: readonly string[] = c.allowHeaders === undefined ? ['content-type'] : c.allowHeaders === '*' ? ['*'] : c.allowHeaders;
  const unsafe = call.headers
    .map((key) => HEADERS[key]!)
    .filter(([name, value]) => !(name === 'content-type' && value === 'text/plain'))
    .map(([name]) => name.toLowerCase());
  for (const name of unsafe) {
    const ok = allowHeaders.includes(name) || (allowHeaders.includes('*') && name !== 'authorization');
    if (!ok) return { allowed: false, refused: 'header' };
  }
  return { allowed: true };
}

async function judge(c: Config, call: Call) {
  let handlerRuns = 0;
  const wrapped = cors(optionsOf(c)).wrap(() => {
    handlerRuns++;
    return Response.json({ ok: true }, { headers: { 'x-request-id': '7' } });
  });
  const send = async (outgoing: OutgoingRequest): Promise<HttpResponse> => {
    const response = (await wrapped(new Request(outgoing.url, { method: outgoing.method, headers: outgoing.headers as [string, string][] }))) as Response;
    return { status: response.status, headers: [...response.headers] };
  };
  const verdict = await simulateFetch(
    { origin: call.origin, url: API, method: call.method, headers: call.headers.map((key) => HEADERS[key]!), credentials: call.credentials, engine: call.engine },
    send,
  );
  return { verdict, handlerRuns };
}

describe('the browser allows exactly what the policy allows', () => {
  it('in Chromium, Firefox and the standard, for random policies and calls', async () => {
    let explained = 0;
    await fc.assert(
      fc.asyncProperty(configArb, callArb, async (c, call) => {
        const expected = policyAllows(c, call);
        const { verdict } = await judge(c, call);
        expect(verdict.allowed, JSON.stringify({ c, call, reason: verdict.reason })).toBe(expected.allowed);
        if (expected.refused !== undefined && c.explain) {
          // Blocked, and for the reason the policy had: the console names it.
          explained++;
          const failed = verdict.steps.find((step) => !step.ok);
          expect(failed?.step, JSON.stringify({ c, call, reason: verdict.reason })).toBe(`preflight.${expected.refused}`);
        }
      }),
      { numRuns: 500 },
    );
    // The property must reach the explained refusals it is about.
    expect(explained).toBeGreaterThan(20);
  });

  it('never lets a write from a refused origin reach the handler when writes are protected', async () => {
    await fc.assert(
      fc.asyncProperty(configArb.filter((c) => c.credentials), callArb, async (c, call) => {
        const { handlerRuns } = await judge(c, { ...call, method: 'POST', headers: ['text'] });
        if (!listAllows(call.origin)) expect(handlerRuns).toBe(0);
        else expect(handlerRuns).toBe(1);
      }),
      { numRuns: 100 },
    );
  });
});
