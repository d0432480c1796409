// What the audit sends: the attacker origins derived from each trusted one, the registrable
// domains they rest on, and the fixed number of requests per URL.
import type { OutgoingRequest } from '@portcullis/browser-model';
import { describe, expect, it } from 'vitest';
import { audit, type AuditOptions } from '../src/index.js';
import { derivedOrigins, seedOf } from '../src/audit/attacker-origins.js';
import { registrableDomain } from '../src/audit/domains.js';

describe('attacker origins, one per origin-check mistake', () => {
  const derived = (base: string) => Object.fromEntries(derivedOrigins(base).map((d) => [d.origin, d.looksFor]));

  it.each([
    { rule: 'prefix-match: the trusted origin continued into the attacker domain', origin: 'https://www.myapp.es.attacker.example', looksFor: 'prefix-match' },
    { rule: 'suffix-match: a registrable name ending with the trusted domain', origin: 'https://attackermyapp.es', looksFor: 'suffix-match' },
    { rule: 'substring-match: the trusted domain inside an attacker host, at no label boundary', origin: 'https://attackermyapp.es.attacker.example', looksFor: 'substring-match' },
    { rule: 'unanchored-regex: a subdomain of the trusted domain continued into the attacker domain', origin: 'https://portcullis-audit.myapp.es.attacker.example', looksFor: 'unanchored-regex' },
    { rule: 'unescaped-dot: the dot before the registrable domain replaced', origin: 'https://wwwxmyapp.es', looksFor: 'unescaped-dot' },
    { rule: 'special-char-bypass: an underscore after the host', origin: 'https://www.myapp.es_.attacker.example', looksFor: 'special-char-bypass' },
    { rule: 'special-char-bypass: a backtick after the host', origin: 'https://www.myapp.es`.attacker.example', looksFor: 'special-char-bypass' },
    { rule: 'http-origin-credentials: the http: twin', origin: 'http://www.myapp.es', looksFor: 'http-origin-credentials' },
    { rule: 'subdomain-credentials: a subdomain of the registrable domain', origin: 'https://portcullis-audit.myapp.es', looksFor: 'subdomain-credentials' },
  ])('$rule', ({ origin, looksFor }) => {
    expect(derived('https://www.myapp.es')[origin]).toBe(looksFor);
  });

  it('keeps the port of the trusted origin', () => {
    expect(Object.keys(derived('http://localhost:5173'))).toContain('http://localhost.attacker.example:5173');
  });

  it.each([
    { rule: 'an apex has no dot to unescape', base: 'https://myapp.es', absent: 'unescaped-dot' },
    { rule: 'an http: origin has no http: twin', base: 'http://www.myapp.es', absent: 'http-origin-credentials' },
    { rule: 'no subdomain of an IP address', base: 'http://127.0.0.1:5173', absent: 'subdomain-credentials' },
    { rule: 'no name ending in an IP address', base: 'http://127.0.0.1:5173', absent: 'suffix-match' },
  ])('leaves out what a browser could not send or what cannot exist: $rule', ({ base, absent }) => {
    expect(Object.values(derived(base))).not.toContain(absent);
  });

  it('derives only origins that are their own serialization', () => {
    for (const base of ['https://www.myapp.es', 'http://localhost:5173', 'http://127.0.0.1:8080', 'http://[::1]:3000', 'https://myorg.github.io']) {
      for (const { origin } of derivedOrigins(base)) expect(new URL(origin).origin).toBe(origin);
    }
  });

  it.each([
    { entry: 'https://www.myapp.es', trusted: 'https://www.myapp.es', base: 'https://www.myapp.es' },
    { entry: 'https://*.myapp.es', trusted: 'https://portcullis-audit.myapp.es', base: 'https://myapp.es' },
    { entry: 'http://localhost:*', trusted: 'http://localhost', base: 'http://localhost' },
    { entry: 'https://myapp.es:8443', trusted: 'https://myapp.es:8443', base: 'https://myapp.es:8443' },
  ])("a trusted entry $entry is probed as $trusted and derived from $base", ({ entry, trusted, base }) => {
    expect(seedOf(entry)).toEqual({ entry, trusted, base });
  });

  it.each(['*', '/^https:\\/\\/myapp\\.es$/', '[function check]'])('%s gives no origin to derive from', (entry) => {
    expect(seedOf(entry)).toBeUndefined();
  });
});

describe('registrable domains, from core\'s shared suffixes', () => {
  it.each([
    ['www.myapp.es', 'myapp.es'],
    ['myapp.es', 'myapp.es'],
    ['api.eu.myapp.es', 'myapp.es'],
    ['myorg.github.io', 'myorg.github.io'],
    ['shop.example.co.uk', 'example.co.uk'],
    ['localhost', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
  ])('%s -> %s', (host, domain) => {
    expect(registrableDomain(host)).toBe(domain);
  });
});

/** Audits through a transport that answers nothing useful and counts what is sent. */
async function sent(options: AuditOptions, url = 'https://api.myapp.es/me'): Promise<{ requests: OutgoingRequest[]; notes: readonly string[]; unsent: string[] }> {
  const requests: OutgoingRequest[] = [];
  const report = await audit(url, {
    ...options,
    transport: async (request) => {
      requests.push(request);
      return { status: 204, headers: [] };
    },
  });
  expect(report.requests).toBe(requests.length);
  return { requests, notes: report.notes, unsent: report.probes.filter((p) => p.withCredentials === 'unsent').map((p) => p.id) };
}

describe('a fixed number of requests per URL', () => {
  it.each([
    { rule: 'one https: origin below its registrable domain', options: { origins: ['https://www.myapp.es'] }, count: 19 },
    { rule: 'an apex has no unescaped-dot probe', options: { origins: ['https://myapp.es'] }, count: 18 },
    { rule: 'an http: origin has no http: twin and a single label no dot', options: { origins: ['http://localhost:5173'] }, count: 17 },
    { rule: 'a second origin adds its own probes only', options: { origins: ['https://www.myapp.es', 'https://admin.myapp.es'] }, count: 25 },
    { rule: '--probe-writes adds one POST', options: { origins: ['https://www.myapp.es'], probeWrites: true }, count: 20 },
    { rule: 'origin * probes only what needs no trusted origin', options: { policy: { origin: '*' } }, count: 8 },
    { rule: 'a PUT is preflighted only', options: { origins: ['https://www.myapp.es'], method: 'PUT', headers: [['content-type', 'application/json']] }, count: 19 },
  ] satisfies { rule: string; options: AuditOptions; count: number }[])('$rule: $count', async ({ options, count }) => {
    expect((await sent(options)).requests).toHaveLength(count);
  });

  it('a GET that needs a preflight costs two per origin when the preflight passes', async () => {
    const requests: OutgoingRequest[] = [];
    await audit('https://api.myapp.es/me', {
      origins: ['https://www.myapp.es'],
      headers: [['authorization', 'Bearer abc']],
      transport: async (request) => {
        requests.push(request);
        // Every preflight passes, so that each origin probe sends its GET too.
        const origin = request.headers.find(([n]) => n === 'origin')?.[1] ?? '*';
        return { status: 204, headers: [['access-control-allow-origin', origin], ['access-control-allow-headers', 'authorization']] };
      },
    });
    // 17 origin probes (trusted and no-origin included) of two requests but the no-origin one,
    // which is same-origin; two preflight probes.
    expect(requests.filter((r) => r.kind === 'preflight')).toHaveLength(18);
    expect(requests.filter((r) => r.kind === 'actual')).toHaveLength(17);
  });

  it('--max-requests leaves out the last probes and says which', async () => {
    const { requests, notes, unsent } = await sent({ origins: ['https://www.myapp.es'], maxRequests: 5 });
    expect(requests).toHaveLength(5);
    expect(unsent).toHaveLength(14);
    expect(unsent.at(-1)).toBe('preflight-permissive-attacker');
    expect(notes).toContain(`14 probes left out to stay within --max-requests 5: ${unsent.join(', ')}`);
  });

  it('sends nothing to a bad port', async () => {
    await expect(sent({ origins: ['https://www.myapp.es'] }, 'http://127.0.0.1:6667/')).rejects.toThrow(/port 6667/);
  });
});
