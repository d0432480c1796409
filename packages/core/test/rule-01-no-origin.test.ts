// Rule 1: a request without Origin is not a CORS request. The handler runs and no CORS header
// is added, but `Vary: Origin` is, whenever the answer depends on the origin. A `*` policy
// answers `*` to everyone, CORS or not, so that a shared cache can serve the same answer to a
// later CORS request (https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches).
import { describe, expect, it } from 'vitest';
import { cors, type CorsOptions } from '../src/index.js';
import { corsHeaders, recordingHandler, request, varyTokens } from './helpers.js';

const STAR = [['access-control-allow-origin', '*']];

const configs: { name: string; options: CorsOptions; vary: string[]; cors: string[][] }[] = [
  { name: "origin '*': the same '*' answer for everyone, so no Vary", options: { origin: '*' }, vary: [], cors: STAR },
  { name: 'one exact origin', options: { origin: 'https://myapp.es' }, vary: ['origin'], cors: [] },
  { name: 'a list with patterns, credentials on', options: { origin: ['https://myapp.es', 'https://*.myapp.es'], credentials: true }, vary: ['origin'], cors: [] },
  { name: 'an anchored RegExp', options: { origin: /^https:\/\/myapp\.es$/ }, vary: ['origin'], cors: [] },
  { name: 'an origin function', options: { origin: () => true }, vary: ['origin'], cors: [] },
];

describe.each(['GET', 'POST', 'OPTIONS', 'DELETE'])('rule 1: %s without Origin', (method) => {
  it.each(configs)('calls the handler, adds no CORS header (but a constant *) and Vary only when needed ($name)', async ({ options, vary, cors: expected }) => {
    const { handler, calls } = recordingHandler({ status: 200 });
    const req = request({ method, acrm: method === 'OPTIONS' ? 'PUT' : undefined });
    const response = (await cors(options).wrap(handler)(req)) as Response;
    expect(calls).toEqual([req]);
    expect(await response.text()).toBe('handler');
    expect(corsHeaders(response)).toEqual(expected);
    expect(varyTokens(response)).toEqual(vary);
  });
});

describe('rule 1 through the building blocks', () => {
  it.each(configs)('apply() adds only Vary (or the constant *), preflight() answers nothing ($name)', async ({ options, vary, cors: expected }) => {
    const policy = cors(options);
    const response = (await policy.apply(request(), new Response('x'))) as Response;
    expect(corsHeaders(response)).toEqual(expected);
    expect(varyTokens(response)).toEqual(vary);
    expect(await policy.preflight(request({ method: 'OPTIONS', acrm: 'PUT' }))).toBeUndefined();
  });

  it("merges Vary: Origin into the handler's Vary without duplicates", async () => {
    const wrapped = cors({ origin: 'https://myapp.es' }).wrap(
      () => new Response('x', { headers: { vary: 'Accept-Encoding, origin' } }),
    );
    expect(varyTokens((await wrapped(request())) as Response)).toEqual(['accept-encoding', 'origin']);
  });

  it("leaves a handler's own CORS headers alone on a non-CORS request", async () => {
    const wrapped = cors({ origin: 'https://myapp.es' }).wrap(
      () => new Response('x', { headers: { 'access-control-allow-origin': 'https://myapp.es' } }),
    );
    const response = (await wrapped(request())) as Response;
    expect(corsHeaders(response)).toEqual([['access-control-allow-origin', 'https://myapp.es']]);
  });
});
