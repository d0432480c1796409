// The preflight as the browser sends it, and every check on its answer
// (https://fetch.spec.whatwg.org/#cors-preflight-fetch-0).
import { describe, expect, it } from 'vitest';
import { judgePreflight, type FetchCall, type HttpResponse } from '../src/index.js';
import { header, PAGE, permissivePreflight, plan } from './helpers.js';

describe('the preflight request', () => {
  it('is OPTIONS with Origin, Access-Control-Request-Method and -Headers, and Accept: */*', () => {
    const p = plan({ method: 'PUT', headers: { 'X-User': 'a', 'content-type': 'application/json', accept: 'text/html' } });
    expect(p.preflight).toMatchObject({ kind: 'preflight', method: 'OPTIONS', url: 'https://api.example/items' });
    const headers = p.preflight!.headers;
    expect(header(headers, 'origin')).toBe(PAGE);
    expect(header(headers, 'access-control-request-method')).toBe('PUT');
    expect(header(headers, 'access-control-request-headers')).toBe('content-type,x-user');
    expect(header(headers, 'accept')).toBe('*/*');
    expect(header(headers, 'sec-fetch-mode')).toBe('cors');
  });

  it.each([
    { rule: 'no credentials', credentials: 'include' as const },
    { rule: 'none of the page headers', credentials: 'omit' as const },
  ])('carries $rule', ({ credentials }) => {
    const p = plan({ method: 'DELETE', credentials, headers: { authorization: 'Bearer x', 'x-a': '1' } });
    const names = p.preflight!.headers.map(([n]) => n);
    expect(names).not.toContain('authorization');
    expect(names).not.toContain('x-a');
    expect(names).not.toContain('cookie');
  });

  it('has no Access-Control-Request-Headers when only the method is unsafe', () => {
    expect(header(plan({ method: 'PATCH' }).preflight!.headers, 'access-control-request-headers')).toBeUndefined();
  });

  it('sends a lowercase method as it is', () => {
    expect(header(plan({ method: 'patch' }).preflight!.headers, 'access-control-request-method')).toBe('patch');
  });

  it('is not sent for a same-origin request', () => {
    const p = plan({ url: `${PAGE}/items`, method: 'PUT', headers: { 'x-a': '1' } });
    expect(p.cors).toBe(false);
    expect(p.preflight).toBeNull();
    expect(header(p.actual.headers, 'origin')).toBe(PAGE);
    expect(header(plan({ url: `${PAGE}/items` }).actual.headers, 'origin')).toBeUndefined();
  });
});

interface Row {
  rule: string;
  call: Partial<FetchCall>;
  response: (p: ReturnType<typeof plan>) => HttpResponse;
  allowed: boolean;
  failing?: string;
  engine?: FetchCall['engine'];
}

const PUT: Partial<FetchCall> = { method: 'PUT' };
const CRED_PUT: Partial<FetchCall> = { method: 'PUT', credentials: 'include' };
const X_USER: Partial<FetchCall> = { headers: { 'x-user': 'a' } };
const AUTH: Partial<FetchCall> = { headers: { authorization: 'Bearer x' } };

const with_ = (p: ReturnType<typeof plan>, extra: Record<string, string>, status = 204): HttpResponse => ({
  status,
  headers: { ...permissivePreflight(p).headers, ...extra },
});
const without = (p: ReturnType<typeof plan>, name: string): HttpResponse => {
  const headers = { ...permissivePreflight(p).headers };
  delete headers[name];
  return { status: 204, headers };
};

describe('the checks on the preflight answer', () => {
  it.each<Row>([
    { rule: 'a permissive answer passes', call: PUT, response: (p) => permissivePreflight(p), allowed: true },
    { rule: 'ok status: 200 passes', call: PUT, response: (p) => with_(p, {}, 200), allowed: true },
    { rule: 'ok status: 299 passes', call: PUT, response: (p) => with_(p, {}, 299), allowed: true },
    { rule: 'ok status: 403 fails', call: PUT, response: (p) => with_(p, {}, 403), allowed: false, failing: 'preflight.status' },
    { rule: 'ok status: a redirect fails', call: PUT, response: (p) => with_(p, { location: '/x' }, 301), allowed: false, failing: 'preflight.status' },
    { rule: 'ACAO missing', call: PUT, response: (p) => without(p, 'access-control-allow-origin'), allowed: false, failing: 'cors.allow-origin' },
    { rule: 'ACAO with a trailing slash', call: PUT, response: (p) => with_(p, { 'access-control-allow-origin': `${PAGE}/` }), allowed: false, failing: 'cors.allow-origin' },
    { rule: 'ACAO uppercase', call: PUT, response: (p) => with_(p, { 'access-control-allow-origin': PAGE.toUpperCase() }), allowed: false, failing: 'cors.allow-origin' },
    { rule: 'ACAO: * without credentials', call: PUT, response: (p) => with_(p, { 'access-control-allow-origin': '*' }), allowed: true },
    { rule: 'ACAO: * with credentials', call: CRED_PUT, response: (p) => with_(p, { 'access-control-allow-origin': '*' }), allowed: false, failing: 'cors.allow-origin' },
    { rule: 'ACAC missing with credentials', call: CRED_PUT, response: (p) => without(p, 'access-control-allow-credentials'), allowed: false, failing: 'cors.allow-credentials' },
    { rule: 'ACAC: True with credentials', call: CRED_PUT, response: (p) => with_(p, { 'access-control-allow-credentials': 'True' }), allowed: false, failing: 'cors.allow-credentials' },
    { rule: 'ACAC is not needed without credentials', call: PUT, response: (p) => with_(p, { 'access-control-allow-credentials': 'nonsense' }), allowed: true },
    { rule: 'the method is missing from ACAM', call: PUT, response: (p) => with_(p, { 'access-control-allow-methods': 'GET, POST' }), allowed: false, failing: 'preflight.method' },
    { rule: 'ACAM is case-sensitive: PATCH does not allow patch', call: { method: 'patch' }, response: (p) => with_(p, { 'access-control-allow-methods': 'PATCH' }), allowed: false, failing: 'preflight.method' },
    { rule: 'ACAM: patch allows patch', call: { method: 'patch' }, response: (p) => with_(p, { 'access-control-allow-methods': 'patch' }), allowed: true },
    { rule: 'ACAM: * without credentials', call: PUT, response: (p) => with_(p, { 'access-control-allow-methods': '*' }), allowed: true },
    { rule: 'ACAM: * with credentials is a name', call: CRED_PUT, response: (p) => with_(p, { 'access-control-allow-methods': '*' }), allowed: false, failing: 'preflight.method' },
    { rule: 'a safelisted method needs no ACAM', call: X_USER, response: (p) => without(p, 'access-control-allow-methods'), allowed: true },
    { rule: 'ACAM that does not parse fails even for GET', call: X_USER, response: (p) => with_(p, { 'access-control-allow-methods': 'PUT DELETE' }), allowed: false, failing: 'preflight.allow-methods-syntax' },
    { rule: 'ACAH that does not parse', call: X_USER, response: (p) => with_(p, { 'access-control-allow-headers': 'x-user x-b' }), allowed: false, failing: 'preflight.allow-headers-syntax' },
    { rule: 'ACAH with empty elements and spaces parses', call: X_USER, response: (p) => with_(p, { 'access-control-allow-headers': ' , ,X-User,' }), allowed: true },
    { rule: 'a header missing from ACAH', call: X_USER, response: (p) => with_(p, { 'access-control-allow-headers': 'content-type' }), allowed: false, failing: 'preflight.header' },
    { rule: 'ACAH is case-insensitive', call: X_USER, response: (p) => with_(p, { 'access-control-allow-headers': 'X-USER' }), allowed: true },
    { rule: 'ACAH: * without credentials', call: X_USER, response: (p) => with_(p, { 'access-control-allow-headers': '*' }), allowed: true },
    { rule: 'ACAH: * with credentials is a name', call: { ...X_USER, credentials: 'include' }, response: (p) => with_(p, { 'access-control-allow-headers': '*' }), allowed: false, failing: 'preflight.header' },
    { rule: 'authorization listed by name', call: AUTH, response: (p) => with_(p, { 'access-control-allow-headers': '*, authorization' }), allowed: true },
    { rule: 'ACAH: * covers authorization in Chromium', call: AUTH, response: (p) => with_(p, { 'access-control-allow-headers': '*' }), allowed: true, engine: 'chromium' },
    { rule: 'ACAH: * covers authorization in Firefox', call: AUTH, response: (p) => with_(p, { 'access-control-allow-headers': '*' }), allowed: true, engine: 'firefox' },
    { rule: 'ACAH: * never covers authorization in the standard', call: AUTH, response: (p) => with_(p, { 'access-control-allow-headers': '*' }), allowed: false, failing: 'preflight.header', engine: 'standard' },
    { rule: 'two ACAM lines are one list', call: { method: 'DELETE' }, response: (p) => ({ status: 204, headers: [['access-control-allow-origin', PAGE], ['access-control-allow-methods', 'PUT'], ['access-control-allow-methods', 'DELETE']] }), allowed: true },
    { rule: 'two ACAO lines fail', call: PUT, response: () => ({ status: 204, headers: [['access-control-allow-origin', PAGE], ['access-control-allow-origin', PAGE], ['access-control-allow-methods', 'PUT']] }), allowed: false, failing: 'cors.allow-origin' },
  ])('$rule', ({ call, response, allowed, failing, engine }) => {
    const p = plan({ ...call, ...(engine ? { engine } : {}) });
    const verdict = judgePreflight(p, response(p));
    expect(verdict.allowed).toBe(allowed);
    const first = verdict.steps.find((s) => !s.ok);
    expect(first?.step).toBe(failing);
    if (first) {
      expect(first.fix, 'a failure says how to fix it').toBeTruthy();
      expect(verdict.reason).toContain(first.title);
    }
  });

  it('says where Chromium departs from the standard on ACAH: * and authorization', () => {
    const p = plan(AUTH);
    const step = judgePreflight(p, with_(p, { 'access-control-allow-headers': '*' })).steps.find(
      (s) => s.step === 'preflight.header',
    );
    expect(step).toMatchObject({ ok: true, warning: true });
    expect(step?.differs).toContain('Fetch Standard');
  });

  it('lists every failing check, not only the first', () => {
    const p = plan({ method: 'PUT', headers: { 'x-user': 'a' } });
    const verdict = judgePreflight(p, { status: 403, headers: {} });
    expect(verdict.steps.filter((s) => !s.ok).map((s) => s.step)).toEqual([
      'cors.allow-origin',
      'preflight.status',
      'preflight.method',
      'preflight.header',
    ]);
  });
});

describe('the preflight cache (https://fetch.spec.whatwg.org/#cors-preflight-cache)', () => {
  it.each([
    { engine: 'chromium' as const, value: undefined, seconds: 5 },
    { engine: 'chromium' as const, value: '600', seconds: 600 },
    { engine: 'chromium' as const, value: '86400', seconds: 7200 },
    { engine: 'firefox' as const, value: '100000', seconds: 86400 },
    { engine: 'standard' as const, value: '100000', seconds: 100000 },
    { engine: 'chromium' as const, value: 'ten', seconds: 5 },
    { engine: 'chromium' as const, value: '0', seconds: 0 },
  ])('$engine caches Max-Age $value for $seconds s', ({ engine, value, seconds }) => {
    const p = plan({ method: 'PUT', engine });
    const verdict = judgePreflight(p, with_(p, value === undefined ? {} : { 'access-control-max-age': value }));
    expect(verdict.maxAge).toBe(seconds);
  });
});
