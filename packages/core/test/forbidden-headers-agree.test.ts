// Core and the browser model each write the Fetch Standard's forbidden request-header list
// (https://fetch.spec.whatwg.org/#forbidden-request-header) on their own: the model judges core,
// so it must not borrow core's copy. This holds the two copies against each other: for every
// name either knows, every registered request header and any token, core refuses to allow
// exactly the headers a browser drops.
import { FORBIDDEN_REQUEST_HEADERS, planRequest } from '@portcullis/browser-model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isForbiddenRequestHeader } from '../src/protocol.js';

/** Whether the model's fetch() drops `name` from a call (the standard's rules, no engine extras). */
function browserDrops(name: string): boolean {
  const plan = planRequest({ origin: 'https://myapp.es', url: 'https://api.myapp.es/', headers: [[name, 'x']], engine: 'standard' });
  return plan.steps.some((s) => s.step === 'request.header-dropped');
}

/** Request headers from the IANA registry and common use, forbidden or not. */
const KNOWN = [
  'accept', 'accept-charset', 'accept-encoding', 'accept-language', 'accept-datetime', 'access-control-request-headers',
  'access-control-request-method', 'access-control-request-private-network', 'authorization', 'cache-control', 'connection',
  'content-encoding', 'content-language', 'content-length', 'content-md5', 'content-type', 'cookie', 'cookie2', 'date',
  'dnt', 'early-data', 'expect', 'forwarded', 'from', 'host', 'http2-settings', 'if-match', 'if-modified-since',
  'if-none-match', 'if-range', 'if-unmodified-since', 'keep-alive', 'max-forwards', 'origin', 'pragma', 'prefer',
  'priority', 'proxy-authorization', 'proxy-connection', 'range', 'referer', 'set-cookie', 'sec-fetch-site',
  'sec-ch-ua', 'sec-websocket-key', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'upgrade-insecure-requests',
  'user-agent', 'via', 'warning', 'x-forwarded-for', 'x-http-method-override', 'x-requested-with', 'x-csrf-token',
  'proxy', 'sec', 'proxy_', 'secret', 'x-sec-token', 'x-proxy-id',
];

describe('the forbidden request-header lists of core and the browser model agree', () => {
  it.each([...new Set([...FORBIDDEN_REQUEST_HEADERS, ...KNOWN])])('%s', (name) => {
    expect(isForbiddenRequestHeader(name)).toBe(browserDrops(name));
  });

  it('for any token, and any token after proxy- or sec-', () => {
    const token = fc.stringMatching(/^[a-z0-9!#$%&'*+.^_`|~-]{1,20}$/);
    const name = fc.oneof(token, token.map((t) => `proxy-${t}`), token.map((t) => `sec-${t}`));
    fc.assert(
      fc.property(name, (n) => {
        expect(isForbiddenRequestHeader(n)).toBe(browserDrops(n));
      }),
    );
  });
});
