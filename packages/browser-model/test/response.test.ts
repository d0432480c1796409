// The CORS check on the actual response (https://fetch.spec.whatwg.org/#cors-check) and the
// headers script may read (https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name).
import { describe, expect, it } from 'vitest';
import { corsCheck, judgeResponse, readableHeaders, type HeaderInput } from '../src/index.js';
import { PAGE, plan } from './helpers.js';

describe('the CORS check', () => {
  it.each([
    { rule: 'the exact origin passes', headers: { 'access-control-allow-origin': PAGE }, credentials: false, ok: true },
    { rule: '* passes without credentials', headers: { 'access-control-allow-origin': '*' }, credentials: false, ok: true },
    { rule: '* fails with credentials', headers: { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' }, credentials: true, ok: false },
    { rule: 'the origin and ACAC: true pass with credentials', headers: { 'access-control-allow-origin': PAGE, 'access-control-allow-credentials': 'true' }, credentials: true, ok: true },
    { rule: 'ACAC: TRUE fails', headers: { 'access-control-allow-origin': PAGE, 'access-control-allow-credentials': 'TRUE' }, credentials: true, ok: false },
    { rule: 'a missing ACAO fails', headers: {}, credentials: false, ok: false },
    { rule: 'a trailing slash fails', headers: { 'access-control-allow-origin': `${PAGE}/` }, credentials: false, ok: false },
    { rule: 'another origin fails', headers: { 'access-control-allow-origin': 'https://other.example' }, credentials: false, ok: false },
    { rule: 'a list fails', headers: { 'access-control-allow-origin': `${PAGE}, https://other.example` }, credentials: false, ok: false },
    { rule: 'null fails for a real origin', headers: { 'access-control-allow-origin': 'null' }, credentials: false, ok: false },
    { rule: 'an empty value fails', headers: { 'access-control-allow-origin': '' }, credentials: false, ok: false },
    { rule: 'two identical lines fail', headers: [['access-control-allow-origin', PAGE], ['access-control-allow-origin', PAGE]] as HeaderInput, credentials: false, ok: false },
  ])('$rule', ({ headers, credentials, ok }) => {
    const steps = corsCheck([...toPairs(headers)], PAGE, credentials, 'actual', 0);
    expect(steps.every((s) => s.ok)).toBe(ok);
    for (const s of steps.filter((x) => !x.ok)) expect(s.fix).toBeTruthy();
  });

  it('matches null against a request whose Origin is null', () => {
    expect(corsCheck([['access-control-allow-origin', 'null']], 'null', false, 'actual', 0).every((s) => s.ok)).toBe(true);
  });

  it('says that two lines are never one value', () => {
    const [step] = corsCheck([['access-control-allow-origin', PAGE], ['access-control-allow-origin', PAGE]], PAGE, false, 'actual', 0);
    expect(step?.title).toBe('Access-Control-Allow-Origin must be a single value');
  });

  it('names the trailing slash in its explanation', () => {
    const [step] = corsCheck([['access-control-allow-origin', `${PAGE}/`]], PAGE, false, 'actual', 0);
    expect(step?.detail).toContain('trailing slash');
  });
});

describe('a fix for a refused origin never reads as advice to open up', () => {
  const EVIL = 'https://evil.example';
  /** What a fix must never propose: `*`, `null`, or sending back whatever Origin comes. */
  const OPENING = /\(or \*\)|Allow-Origin: \*|Allow-Origin: null|send the request's origin|reflect/i;
  it.each([
    { rule: 'no Access-Control-Allow-Origin', headers: {}, credentials: false, says: `if a page on ${EVIL} should read this, add ${EVIL} to the server's list of allowed origins` },
    { rule: 'another origin allowed', headers: { 'access-control-allow-origin': PAGE }, credentials: false, says: `if a page on ${EVIL} should read this, add ${EVIL}` },
    { rule: '* with credentials', headers: { 'access-control-allow-origin': '*' }, credentials: true, says: `with credentials the server must name the page's origin, never *: if a page on ${EVIL} should read with the user's cookies` },
    { rule: 'a list of origins', headers: { 'access-control-allow-origin': `${PAGE} ${EVIL}` }, credentials: false, says: `when ${EVIL} is on the server's list` },
    { rule: 'null allowed', headers: { 'access-control-allow-origin': 'null' }, credentials: false, says: 'never allow the origin null' },
    { rule: 'credentials not allowed', headers: { 'access-control-allow-origin': EVIL }, credentials: true, says: `if a page on ${EVIL} should read with the user's cookies, send Access-Control-Allow-Credentials: true` },
  ])('$rule', ({ headers, credentials, says }) => {
    const failed = corsCheck(toPairs(headers), EVIL, credentials, 'actual', 0).find((s) => !s.ok);
    expect(failed?.fix).toContain(says);
    expect(failed?.fix).not.toMatch(OPENING);
  });

  it.each([
    { rule: 'a trailing slash', value: `${PAGE}/` },
    { rule: 'another case', value: PAGE.toUpperCase() },
    { rule: 'a path', value: `${PAGE}/app` },
  ])('the origin the server clearly means, written wrong ($rule), is to be written exactly', ({ value }) => {
    const failed = corsCheck([['access-control-allow-origin', value]], PAGE, false, 'actual', 0).find((s) => !s.ok);
    expect(failed?.fix).toBe(`write the origin exactly as browsers send it: Access-Control-Allow-Origin: ${PAGE} on the response`);
  });

  it('after a redirect made the Origin null, says to call the final URL, never to allow null', () => {
    const failed = corsCheck([], 'null', false, 'actual', 1).find((s) => !s.ok);
    expect(failed?.fix).toContain('call the final URL directly');
    expect(failed?.fix).not.toMatch(OPENING);
  });
});

function toPairs(headers: HeaderInput): [string, string][] {
  return Array.isArray(headers) ? (headers as [string, string][]) : Object.entries(headers as Record<string, string>);
}

describe('judgeResponse', () => {
  it('allows a response that passes, whatever its status', () => {
    const verdict = judgeResponse(plan(), { status: 500, headers: { 'access-control-allow-origin': PAGE } });
    expect(verdict.allowed).toBe(true);
    expect(verdict.readable?.readable).toEqual([]);
  });

  it('applies no CORS check to a same-origin response', () => {
    const verdict = judgeResponse(plan({ url: `${PAGE}/x` }), { status: 200, headers: { 'x-a': '1', 'set-cookie': 'a=b' } });
    expect(verdict.allowed).toBe(true);
    expect(verdict.readable).toEqual({ readable: ['x-a'], hidden: ['set-cookie'] });
  });

  it('suggests exposing the custom headers script cannot read', () => {
    const verdict = judgeResponse(plan(), { status: 200, headers: { 'access-control-allow-origin': PAGE, 'x-request-id': '1', date: 'x' } });
    expect(verdict.steps.at(-1)?.fix).toBe('to let script read x-request-id, list it in Access-Control-Expose-Headers');
  });
});

describe('readable response headers', () => {
  const base = {
    'content-type': 'text/plain',
    'content-length': '2',
    'cache-control': 'no-store',
    'last-modified': 'x',
    expires: 'x',
    pragma: 'x',
    'content-language': 'en',
    date: 'x',
    'x-a': '1',
    'x-b': '1',
    'set-cookie': 'a=b',
  };
  const SAFELISTED = ['content-type', 'content-length', 'cache-control', 'last-modified', 'expires', 'pragma', 'content-language'];

  it.each([
    { rule: 'without ACEH only the safelisted ones', aceh: undefined, credentials: false, extra: [] as string[] },
    { rule: 'ACEH names more', aceh: 'x-a, X-B', credentials: false, extra: ['x-a', 'x-b'] },
    { rule: 'ACEH: * exposes all but set-cookie without credentials', aceh: '*', credentials: false, extra: ['date', 'x-a', 'x-b', 'access-control-expose-headers', 'access-control-allow-origin'] },
    { rule: 'ACEH: * is a name with credentials', aceh: '*', credentials: true, extra: [] },
    { rule: 'ACEH never exposes set-cookie', aceh: 'set-cookie, x-a', credentials: false, extra: ['x-a'] },
    { rule: 'an ACEH that does not parse exposes nothing more', aceh: 'x-a x-b', credentials: false, extra: [] },
    { rule: 'ACEH with empty elements', aceh: 'x-a,, ,x-b', credentials: false, extra: ['x-a', 'x-b'] },
  ])('$rule', ({ aceh, credentials, extra }) => {
    const headers: Record<string, string> = { ...base, 'access-control-allow-origin': PAGE, ...(aceh ? { 'access-control-expose-headers': aceh } : {}) };
    const { readable, hidden } = readableHeaders(headers, { credentials });
    expect([...readable].sort()).toEqual([...SAFELISTED, ...extra].sort());
    expect(hidden).toContain('set-cookie');
    expect([...readable, ...hidden].sort()).toEqual(Object.keys(headers).sort());
  });
});
