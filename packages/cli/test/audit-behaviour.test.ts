// How the audit behaves beyond its classes: what it sends of the user's cookie, how politely,
// what it does with errors and redirects, how severities are decided, and that the intended
// policy is the yardstick.
import type { OutgoingRequest } from '@portcullis/browser-model';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { audit, NetworkError, UsageError, type AuditOptions, type AuditReport } from '../src/index.js';
import { malformed } from '../src/audit/acao-findings.js';
import { paced } from '../src/audit/pool.js';
import { sharedCacheable } from '../src/audit/vary-findings.js';
import { start, type Running } from './support/servers.js';
import { MISCONFIGURED, TRUSTED } from './support/zoo.js';

const servers: Running[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  vi.useRealTimers();
});

async function auditOf(started: Promise<Running>, options: AuditOptions = {}, path = '/me'): Promise<AuditReport> {
  const server = await started;
  servers.push(server);
  return audit(`${server.url}${path}`, { origins: [TRUSTED], ...options });
}

const severities = (report: AuditReport) => Object.fromEntries(report.findings.map((f) => [f.id, f.severity]));

describe("the user's cookie", () => {
  it('goes on credentialed actual requests only, never on preflights, and is never recorded', async () => {
    const requests: OutgoingRequest[] = [];
    const report = await audit('https://api.myapp.es/me', {
      origins: [TRUSTED],
      headers: [['cookie', 'session=s3cret'], ['authorization', 'Bearer abc']],
      transport: async (request) => {
        requests.push(request);
        return { status: 204, headers: [['access-control-allow-origin', TRUSTED], ['access-control-allow-headers', 'authorization']] };
      },
    });
    const cookies = (kind: string) => requests.filter((r) => r.kind === kind && r.headers.some(([n, v]) => n === 'cookie' && v === 'session=s3cret'));
    expect(cookies('preflight')).toHaveLength(0);
    expect(cookies('actual').length).toBe(requests.filter((r) => r.kind === 'actual').length);
    expect(cookies('actual').length).toBeGreaterThan(0);
    expect(JSON.stringify(report)).not.toContain('s3cret');
  });
});

describe('politeness', () => {
  /** A server that holds every answer a while and counts the requests in flight. */
  async function slow(): Promise<{ server: Running; most: () => number }> {
    let inFlight = 0;
    let most = 0;
    const server = await start((_req, res) => {
      most = Math.max(most, ++inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200).end();
      }, 50);
    });
    servers.push(server);
    return { server, most: () => most };
  }

  it.each([
    { rule: 'one request at a time by default', concurrency: undefined, most: 1 },
    { rule: 'as many at once as --concurrency asks', concurrency: 3, most: 3 },
  ])('$rule', async ({ concurrency, most }) => {
    const { server, most: seen } = await slow();
    await audit(`${server.url}/me`, { origins: [TRUSTED], concurrency });
    expect(seen()).toBe(most);
  });

  it('starts requests --delay apart, whichever probe sends them', async () => {
    vi.useFakeTimers();
    const starts: number[] = [];
    const transport = paced(async () => {
      starts.push(Date.now());
      return { status: 200, headers: [] };
    }, 100);
    const request = { kind: 'actual', hop: 0, method: 'GET', url: 'https://api.myapp.es/', headers: [] } as const;
    const all = Promise.all([transport(request), transport(request), transport(request)]);
    await vi.runAllTimersAsync();
    await all;
    expect(starts.map((t) => t - starts[0]!)).toEqual([0, 100, 200]);
  });
});

describe('errors and redirects', () => {
  it('an unreachable server costs one request and rejects with NetworkError', async () => {
    let calls = 0;
    const failing = audit('https://api.myapp.es/me', {
      origins: [TRUSTED],
      transport: async () => {
        calls++;
        throw new NetworkError('cannot connect to api.myapp.es: connection refused (is the server running?)');
      },
    });
    await expect(failing).rejects.toBeInstanceOf(NetworkError);
    expect(calls).toBe(1);
  });

  it('a probe that gets no answer is reported, and the others still run', async () => {
    const report = await audit('https://api.myapp.es/me', {
      origins: [TRUSTED],
      transport: async (request) => {
        if (request.headers.some(([n, v]) => n === 'origin' && v === 'null')) throw new NetworkError('api.myapp.es closed the connection without an answer');
        return { status: 200, headers: [] };
      },
    });
    expect(report.probes.find((p) => p.id === 'null-origin')).toMatchObject({ withCredentials: 'unsent', error: 'api.myapp.es closed the connection without an answer' });
    expect(report.notes).toContain('the probe null-origin got no answer: api.myapp.es closed the connection without an answer');
    expect(report.requests).toBe(18);
  });

  it('sends the probes that need no trusted origin for a policy of RegExps, and says so', async () => {
    const requests: OutgoingRequest[] = [];
    const report = await audit('https://api.myapp.es/me', {
      policy: { origin: /^https:\/\/www\.myapp\.es$/ },
      transport: async (request) => {
        requests.push(request);
        return { status: 200, headers: [] };
      },
    });
    expect(requests).toHaveLength(8);
    expect(report.notes[0]).toBe(
      'no origin to derive attacker origins from in /^https:\\/\\/www\\.myapp\\.es$/: only the probes that need none were sent; add one of the origins they trust with --origin to probe the mistakes around it',
    );
  });

  it('follows no redirect, and says where the URL goes', async () => {
    const paths: string[] = [];
    const report = await auditOf(
      start((req, res) => {
        paths.push(req.url ?? '');
        res.writeHead(302, { Location: '/login', 'Access-Control-Allow-Origin': req.headers.origin ?? '*', Vary: 'Origin' }).end();
      }),
    );
    expect(new Set(paths)).toEqual(new Set(['/me']));
    expect(report.notes.some((n) => n.startsWith(`the URL answers 302 with Location: /login; redirects are not followed: audit ${new URL(report.url).origin}/login too`))).toBe(true);
    expect(report.findings.map((f) => f.id)).toEqual([]);
  });

  it.each([
    { rule: 'a relative URL', url: '/me', options: { origins: [TRUSTED] }, message: "'/me' is not an absolute URL" },
    { rule: 'a scheme other than http and https', url: 'ftp://api.myapp.es/', options: { origins: [TRUSTED] }, message: 'not an http or https URL' },
    { rule: 'no trusted origin', url: 'https://api.myapp.es/', options: {}, message: '--origin is required' },
    { rule: 'a trusted origin with a path, refused by core', url: 'https://api.myapp.es/', options: { origins: ['https://www.myapp.es/'] }, message: 'origin' },
    { rule: 'a simple POST, which every probe would send', url: 'https://api.myapp.es/', options: { origins: [TRUSTED], method: 'POST' }, message: 'needs no preflight' },
    { rule: '--max-requests 0', url: 'https://api.myapp.es/', options: { origins: [TRUSTED], maxRequests: 0 }, message: '--max-requests must be a whole number of at least 1' },
  ] satisfies { rule: string; url: string; options: AuditOptions; message: string }[])('refuses $rule before sending anything', async ({ url, options, message }) => {
    const sent = vi.fn();
    const result = audit(url, { ...options, transport: sent });
    await expect(result).rejects.toBeInstanceOf(UsageError);
    await expect(result).rejects.toThrow(message);
    expect(sent).not.toHaveBeenCalled();
  });
});

describe('severities', () => {
  it.each([
    { rule: 'missing-vary is medium on a cacheable answer', server: MISCONFIGURED.reflectCachedWithoutVary, options: {}, id: 'missing-vary', severity: 'medium' },
    {
      rule: 'missing-vary is low on an answer no shared cache keeps',
      server: () => start((req, res) => res.writeHead(200, req.headers.origin === TRUSTED ? { 'Access-Control-Allow-Origin': TRUSTED } : {}).end()),
      options: {},
      id: 'missing-vary',
      severity: 'low',
    },
    { rule: 'subdomain-credentials is info by default', server: MISCONFIGURED.anySubdomain, options: {}, id: 'subdomain-credentials', severity: 'info' },
    { rule: 'subdomain-credentials is high with --distrust-subdomains', server: MISCONFIGURED.anySubdomain, options: { distrustSubdomains: true }, id: 'subdomain-credentials', severity: 'high' },
    { rule: 'preflight-permissive is high when any origin passes', server: MISCONFIGURED.echoingPreflight, options: {}, id: 'preflight-permissive', severity: 'high' },
    {
      rule: 'preflight-permissive is low when only trusted origins pass',
      server: () =>
        start((req, res) => {
          const trusted = req.headers.origin === TRUSTED;
          res.writeHead(204, {
            Vary: 'Origin',
            ...(trusted ? { 'Access-Control-Allow-Origin': TRUSTED, 'Access-Control-Allow-Credentials': 'true' } : {}),
            ...(trusted && req.method === 'OPTIONS' ? { 'Access-Control-Allow-Methods': req.headers['access-control-request-method'] ?? '' } : {}),
          }).end();
        }),
      options: {},
      id: 'preflight-permissive',
      severity: 'low',
    },
    { rule: 'cross-site-write is high on a credentialed API', server: MISCONFIGURED.unprotectedWrites, options: { probeWrites: true }, id: 'cross-site-write', severity: 'high' },
    {
      rule: 'cross-site-write is medium where the policy protects writes without credentials',
      server: () => start((req, res) => res.writeHead(200, { Vary: 'Origin', ...(req.headers.origin === TRUSTED ? { 'Access-Control-Allow-Origin': TRUSTED } : {}) }).end()),
      options: { origins: undefined, policy: { origin: [TRUSTED], protectWrites: true }, probeWrites: true },
      id: 'cross-site-write',
      severity: 'medium',
    },
    { rule: 'prefix-match is high with credentials', server: MISCONFIGURED.startsWith, options: {}, id: 'prefix-match', severity: 'high' },
    { rule: 'suffix-match is medium without', server: MISCONFIGURED.corsRegExpFromReadme, options: {}, id: 'suffix-match', severity: 'medium' },
  ])('$rule', async ({ server, options, id, severity }) => {
    expect(severities(await auditOf(server(), options))[id]).toBe(severity);
  });
});

describe('the intended policy is the yardstick', () => {
  it('subdomains a policy trusts are no finding', async () => {
    const report = await auditOf(MISCONFIGURED.anySubdomain(), { origins: undefined, policy: { origin: [TRUSTED, 'https://*.myapp.es'], credentials: true } });
    expect(report.findings).toEqual([]);
  });

  it('the fix is the policy, with credentials when the server sends them to a trusted origin', async () => {
    const report = await auditOf(MISCONFIGURED.nullInList());
    expect(report.fix.code).toBe("cors({ origin: ['https://www.myapp.es'], credentials: true })");
    expect(report.findings[0]?.fix).toMatchObject({ code: report.fix.code, options: { origin: [TRUSTED], credentials: true } });
  });

  it('folds what one origin check lets through into one finding', async () => {
    const report = await auditOf(MISCONFIGURED.includes());
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]?.alsoAllowed).toEqual([
      'https://www.myapp.es.attacker.example',
      'https://attackermyapp.es',
      'https://portcullis-audit.myapp.es.attacker.example',
      'https://wwwxmyapp.es',
      'https://www.myapp.es_.attacker.example',
      'https://www.myapp.es`.attacker.example',
      'http://www.myapp.es',
      'https://portcullis-audit.myapp.es',
    ]);
  });
});

describe('reading the answers', () => {
  const exchange = (headers: [string, string][]) => ({
    request: { kind: 'actual' as const, hop: 0, method: 'GET', url: 'https://api.myapp.es/', headers: [] },
    response: { status: 200, headers },
  });

  it.each([
    { rule: 'public', headers: [['cache-control', 'public']], cacheable: true },
    { rule: 's-maxage', headers: [['cache-control', 's-maxage=60']], cacheable: true },
    { rule: 'a positive max-age', headers: [['cache-control', 'max-age=60']], cacheable: true },
    { rule: 'max-age=0', headers: [['cache-control', 'max-age=0']], cacheable: false },
    { rule: 'private wins', headers: [['cache-control', 'private, max-age=60']], cacheable: false },
    { rule: 'no-store wins', headers: [['cache-control', 'public, no-store']], cacheable: false },
    { rule: 'Expires alone', headers: [['expires', 'Thu, 01 Jan 2037 00:00:00 GMT']], cacheable: true },
    { rule: 'nothing said', headers: [], cacheable: false },
  ] satisfies { rule: string; headers: [string, string][]; cacheable: boolean }[])('a shared cache keeps an answer with $rule: $cacheable', ({ headers, cacheable }) => {
    expect(sharedCacheable(exchange(headers))).toBe(cacheable);
  });

  it.each([
    { rule: 'two lines', headers: [['access-control-allow-origin', TRUSTED], ['access-control-allow-origin', TRUSTED]], problem: '2 Access-Control-Allow-Origin lines' },
    { rule: 'a list', headers: [['access-control-allow-origin', `${TRUSTED}, https://admin.myapp.es`]], problem: 'is a list' },
    { rule: 'a trailing slash', headers: [['access-control-allow-origin', `${TRUSTED}/`]], problem: 'an origin has no path' },
    { rule: 'an origin', headers: [['access-control-allow-origin', TRUSTED]], problem: undefined },
    { rule: '*', headers: [['access-control-allow-origin', '*']], problem: undefined },
    { rule: 'null', headers: [['access-control-allow-origin', 'null']], problem: undefined },
    { rule: 'no header', headers: [], problem: undefined },
  ] satisfies { rule: string; headers: [string, string][]; problem: string | undefined }[])('Access-Control-Allow-Origin with $rule', ({ headers, problem }) => {
    const found = malformed(exchange(headers));
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });
});
